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
        output.WriteLine($"components in one circuit: {components.Count}, frames {components.Sum(c => c.Frames)}, frame buffers {components.Sum(c => c.Capacity)}");
        foreach (var g in components.GroupBy(c => c.Type).OrderByDescending(g => g.Count()).ThenBy(g => g.Key))
            output.WriteLine($"{g.Count(),4} × {g.Key} (frames {g.Sum(c => c.Frames)}, buffers {g.Sum(c => c.Capacity)})");
        foreach (var line in Scope(last)) output.WriteLine(line);
        foreach (var line in JsonMetadata(last)) output.WriteLine(line);
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

    private static IEnumerable<(string Type, int Frames, int Capacity)> Components(Circuit circuit)
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
            var name = component.GetType().Name;
            yield return (component.GetType().IsGenericType ? name[..name.IndexOf('`')] : name, count, array.Length);
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

    private sealed class Capture(List<Circuit> circuits) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            lock (circuits) circuits.Add(circuit);
            return Task.CompletedTask;
        }
    }
}
