using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ChatAi.Web.BlazorScript;

/// <summary>
/// The one place of the blazor.web.js workaround: .NET 10 ships the script in a package the registry
/// here does not serve, so we serve the copy embedded in the 9.0 runtime pack's Components.Endpoints
/// assembly. Set the MSBuild property UseOfficialBlazorScript=true to drop all of this.
/// </summary>
internal static class BlazorScriptEndpoint
{
    private const string ScriptPath = "/_framework/blazor.web.js";

    public static IEndpointRouteBuilder MapBlazorScriptWorkaround(this IEndpointRouteBuilder app)
    {
#if BLAZOR_SCRIPT_WORKAROUND
        var script = ReadScript();
        var etag = $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(script))[..16]}\"";
        app.MapGet(ScriptPath, (HttpContext context) =>
        {
            context.Response.Headers.ETag = etag;
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(script, "text/javascript");
        }).AllowAnonymous().ExcludeFromDescription();
#endif
        return app;
    }

    /// <summary>Reads the embedded <c>_framework/blazor.web.js</c> manifest resource of the 9.0 assembly.</summary>
    internal static byte[] ReadScript()
    {
        using var dll = typeof(BlazorScriptEndpoint).Assembly.GetManifestResourceStream("BlazorScriptSource.dll")
            ?? throw new InvalidOperationException("BlazorScriptSource.dll is not embedded; build with UseOfficialBlazorScript=false.");
        using var pe = new PEReader(dll);
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.ManifestResources)
        {
            var resource = reader.GetManifestResource(handle);
            if (!reader.GetString(resource.Name).EndsWith("blazor.web.js", StringComparison.Ordinal)) continue;
            var directory = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
            var blob = directory.GetReader((int)resource.Offset, directory.Length - (int)resource.Offset);
            var length = blob.ReadInt32();
            return blob.ReadBytes(length);
        }
        throw new InvalidOperationException("blazor.web.js was not found in the embedded 9.0 assembly.");
    }
}
