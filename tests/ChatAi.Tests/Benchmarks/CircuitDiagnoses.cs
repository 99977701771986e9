using System.Collections;
using System.Diagnostics;
using System.Reflection;
using ChatAi.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// Figure 6's diagnosis: what one idle circuit on a chat page holds. Components by type (with their render-tree
/// frames) for one live circuit, and, when <c>CHATAI_GCDUMP</c> names a dotnet-gcdump executable, heap snapshots
/// before and after opening a batch of circuits (compare them with <c>dotnet-gcdump report</c>).
/// </summary>
[Collection(BenchCollection.Name)]
[Trait("Category", BenchCollection.Category)]
public sealed class CircuitDiagnoses(BenchBrowser browser, ITestOutputHelper output)
{
    private const int Pages = 30;

    [DiagnosisFact]
    public async Task WhatOneIdleCircuitOnAChatPageHolds()
    {
        var circuits = new List<Circuit>();
        await using var host = await BenchHost.StartAsync(services: s => s.AddScoped<CircuitHandler>(_ => new Capture(circuits)));
        var email = TestUsers.NewEmail("circuit");
        var userId = await host.CreateUserAsync(email);
        var chat = await host.Chats.CreateChatAsync(userId, title: "Ten messages");
        await SeedData.AddMessagesAsync(host, chat.Id, 10);
        await SeedData.AddChatsAsync(host, userId, 40);

        await using var chromium = await browser.LaunchSeparateAsync("--renderer-process-limit=6");
        await using var signedIn = await BenchBrowser.SignInAsync(chromium, host, email);
        var state = await signedIn.Context.StorageStateAsync();
        int Open() { lock (circuits) return circuits.Count; }
        async Task OpenAsync(IBrowserContext context, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync($"chat/{chat.Id}", new() { WaitUntil = WaitUntilState.Load });
                await page.WaitForSelectorAsync("html[data-circuit=live]");
            }
        }

        var warm = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BrowserUrl, StorageState = state });
        await OpenAsync(warm, 3);
        Dump("before");
        var before = Stats.HeapAfterFullGc();
        var live = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BrowserUrl, StorageState = state });
        var already = Open();
        await OpenAsync(live, Pages);
        var heap = (Stats.HeapAfterFullGc() - before) / (double)(Open() - already);
        Dump("after");
        output.WriteLine($"{Open() - already} circuits: {heap / 1024:0.0} KiB of heap each (Playwright's objects included)");

        Circuit last;
        lock (circuits) last = circuits[^1];
        var components = Components(last).ToList();
        output.WriteLine($"components in one circuit: {components.Count}, frames {components.Sum(c => c.Frames)}, frame buffers {components.Sum(c => c.Capacity)}, previous renders' buffers {components.Sum(c => c.Previous)}");
        foreach (var g in components.GroupBy(c => c.Type).OrderByDescending(g => g.Count()).ThenBy(g => g.Key))
            output.WriteLine($"{g.Count(),4} × {g.Key} (frames {g.Sum(c => c.Frames)}, buffers {g.Sum(c => c.Capacity)}, previous {g.Sum(c => c.Previous)})");
        foreach (var line in Scope(last)) output.WriteLine(line);
        foreach (var line in JsonMetadata(last)) output.WriteLine(line);
        foreach (var line in LargeArrays(last)) output.WriteLine(line);
        await warm.DisposeAsync();
        await live.DisposeAsync();
    }

    private void Dump(string name)
    {
        if (Environment.GetEnvironmentVariable("CHATAI_GCDUMP") is not { Length: > 0 } tool) return;
        var file = Path.Combine(Path.GetTempPath(), $"circuit-{name}.gcdump");
        using var process = Process.Start(new ProcessStartInfo(tool, ["collect", "-p", Environment.ProcessId.ToString(), "-o", file]) { RedirectStandardOutput = true })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        output.WriteLine($"gcdump: {file}");
    }

    /// <summary>Each component's frames, its current buffer's capacity, and the capacity of the buffer its previous render kept (kept for the next diff).</summary>
    private static IEnumerable<(string Type, int Frames, int Capacity, int Previous)> Components(Circuit circuit)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        var host = circuit.GetType().GetField("_circuitHost", all)!.GetValue(circuit)!;
        var renderer = host.GetType().GetProperty("Renderer", all)!.GetValue(host)!;
        var type = renderer.GetType();
        FieldInfo? byId = null;
        for (var t = type; t is not null && byId is null; t = t.BaseType) byId = t.GetField("_componentStateById", all);
        foreach (DictionaryEntry entry in (IDictionary)byId!.GetValue(renderer)!)
        {
            var state = entry.Value!;
            var component = state.GetType().GetProperty("Component", all)!.GetValue(state)!;
            var tree = state.GetType().GetProperty("CurrentRenderTree", all)!.GetValue(state)!;
            var frames = tree.GetType().GetMethod("GetFrames", all)!.Invoke(tree, null)!;
            var count = (int)frames.GetType().GetField("Count")!.GetValue(frames)!;
            var array = (Array)frames.GetType().GetField("Array")!.GetValue(frames)!;
            var previous = 0;
            for (var t = state.GetType(); t is not null; t = t.BaseType)
                if (t.GetField("_nextRenderTree", all)?.GetValue(state) is { } builder)
                {
                    var entries = builder.GetType().GetField("_entries", all)!.GetValue(builder)!;
                    previous = ((Array)entries.GetType().GetField("_items", all)!.GetValue(entries)!).Length;
                    break;
                }
            var name = component.GetType().Name;
            yield return (component.GetType().IsGenericType ? name[..name.IndexOf('`')] : name, count, array.Length, previous);
        }
    }

    /// <summary>The circuit's DI scope: how many services it resolved and holds for disposal, by type.</summary>
    private static IEnumerable<string> Scope(Circuit circuit)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        var host = circuit.GetType().GetField("_circuitHost", all)!.GetValue(circuit)!;
        var scope = host.GetType().GetProperty("Services", all)!.GetValue(host)!;
        if (scope.GetType().GetProperty("ResolvedServices", all)?.GetValue(scope) is IDictionary resolved)
        {
            yield return $"scoped services resolved: {resolved.Count}";
            foreach (var g in resolved.Values.Cast<object?>().GroupBy(v => v?.GetType().FullName ?? "null").OrderBy(g => g.Key))
                yield return $"  resolved {g.Count(),3} × {g.Key}";
        }
        if (scope.GetType().GetField("_disposables", all)?.GetValue(scope) is IList disposables)
        {
            yield return $"held for disposal: {disposables.Count}";
            foreach (var g in disposables.Cast<object>().GroupBy(v => v.GetType().FullName).OrderByDescending(g => g.Count()).Take(15))
                yield return $"  disposable {g.Count(),3} × {g.Key}";
        }
    }

    /// <summary>The types whose JSON metadata the circuit's own JS-interop options hold (built per circuit).</summary>
    private static IEnumerable<string> JsonMetadata(Circuit circuit)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        var host = circuit.GetType().GetField("_circuitHost", all)!.GetValue(circuit)!;
        var js = host.GetType().GetProperty("JSRuntime", all)!.GetValue(host)!;
        foreach (var name in new[] { "JsonSerializerOptions", "ReadJsonSerializerOptions" })
        {
            PropertyInfo? property = null;
            for (var t = js.GetType(); t is not null && property is null; t = t.BaseType) property = t.GetProperty(name, all);
            if (property?.GetValue(js) is not System.Text.Json.JsonSerializerOptions options) continue;
            var context = options.GetType().GetField("_cachingContext", all)?.GetValue(options);
            var cache = context?.GetType().GetField("_cache", all)?.GetValue(context) as IDictionary;
            yield return $"{name}: {cache?.Count.ToString() ?? "?"} types with metadata";
            if (cache is null) continue;
            foreach (var type in cache.Keys.Cast<Type>().Select(t => t.ToString()).Order()) yield return $"  json {type}";
        }
    }

    /// <summary>
    /// Arrays of 1 KiB or more reachable from the circuit's host through fields, with the path of fields to each (the
    /// first path found, breadth first): where a circuit's big buffers hang. Fields leading to what every circuit shares (the root
    /// services, the shared array pools, the other circuits through this diagnosis' handler) are not followed.
    /// </summary>
    private static IEnumerable<string> LargeArrays(Circuit circuit)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly;
        var host = circuit.GetType().GetField("_circuitHost", all)!.GetValue(circuit)!;
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { host };
        var queue = new Queue<(object Value, string Path, int Depth)>();
        queue.Enqueue((host, "CircuitHost", 0));
        var found = new List<(long Bytes, string Line)>();
        while (queue.Count > 0 && seen.Count < 300_000)
        {
            var (value, path, depth) = queue.Dequeue();
            if (depth > 12) continue;
            var type = value.GetType();
            if (value is Array array)
            {
                var element = type.GetElementType()!;
                var size = element.IsValueType ? System.Runtime.InteropServices.Marshal.SizeOf<byte>() : IntPtr.Size;
                if (element.IsValueType) try { size = (int)typeof(System.Runtime.CompilerServices.Unsafe).GetMethod("SizeOf")!.MakeGenericMethod(element).Invoke(null, null)!; } catch { }
                long bytes = (long)array.Length * size;
                if (bytes >= 1024) found.Add((bytes, $"  array {bytes / 1024.0,7:0.0} KiB {element.Name}[{array.Length}] at {path}"));
                if (element.IsPrimitive || element.IsEnum) continue;
                var i = 0;
                foreach (var item in array)
                {
                    i++;
                    if (item is null || item.GetType().IsPrimitive) continue;
                    if (item.GetType().IsValueType) { foreach (var f in Fields(item.GetType())) Visit(f.GetValue(item), $"{path}[{i - 1}].{f.Name}", depth + 1); }
                    else Visit(item, $"{path}[{i - 1}]", depth + 1);
                    if (i > 5000) break;
                }
                continue;
            }
            foreach (var field in Fields(type))
            {
                if (field.FieldType.IsPrimitive || field.FieldType.IsPointer || Shared.Contains(field.Name)) continue;
                object? child;
                try { child = field.GetValue(value); } catch { continue; }
                Visit(child, $"{path}.{field.Name}", depth + 1);
            }
        }
        yield return $"large arrays reachable from the circuit ({seen.Count} objects walked):";
        foreach (var (_, line) in found.OrderByDescending(f => f.Bytes).Take(60)) yield return line;

        void Visit(object? child, string path, int depth)
        {
            if (child is null || child is string || child is Type || child is MemberInfo || child is Delegate { Target: null }) return;
            var t = child.GetType();
            if (t.IsPrimitive || t.IsPointer) return;
            if (t.IsValueType)
            {
                if (depth > 12) return;
                foreach (var f in Fields(t)) { try { Visit(f.GetValue(child), $"{path}.{f.Name}", depth + 1); } catch { } }
                return;
            }
            if (seen.Add(child)) queue.Enqueue((child, path, depth));
        }

        static IEnumerable<FieldInfo> Fields(Type type)
        {
            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
                foreach (var f in t.GetFields(all)) if (!f.IsStatic && !f.FieldType.IsByRefLike) yield return f;
        }
    }

    private static readonly HashSet<string> Shared = ["_circuitHandlers", "UnhandledException", "<circuits>P", "<scopeFactory>P", "<RootProvider>k__BackingField", "_arrayPool", "_root", "<Root>k__BackingField"];

    private sealed class Capture(List<Circuit> circuits) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            lock (circuits) circuits.Add(circuit);
            return Task.CompletedTask;
        }
    }
}
