using System.Security.Cryptography.X509Certificates;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.DataProtection;

namespace ChatAi.Web;

/// <summary>
/// The data-protection key ring (cookies, antiforgery, bearer tokens) lives in the app's database through
/// ASP.NET Core's own <c>PersistKeysToDbContext</c>, under one application name, so every instance and every
/// restart reads the same keys. With <c>DataProtection:CertificatePath</c> set, keys are encrypted at rest with
/// that certificate (a PFX with its private key; <c>DataProtection:CertificatePassword</c> if it has one).
/// </summary>
internal static class DataProtectionSetup
{
    public const string SectionName = "DataProtection";
    public const string ApplicationName = "ChatAi";

    public static IHostApplicationBuilder AddChatAiDataProtection(this IHostApplicationBuilder builder)
    {
        var keys = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<ChatAiDbContext>();
        if (LoadCertificate(builder.Configuration.GetSection(SectionName), builder.Environment.ContentRootPath) is { } certificate)
            keys.ProtectKeysWithCertificate(certificate); // also registers it for decryption: no certificate store needed
        return builder;
    }

    private static X509Certificate2? LoadCertificate(IConfiguration section, string contentRoot)
    {
        var path = section["CertificatePath"];
        if (string.IsNullOrWhiteSpace(path)) return null;
        path = Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path);
        if (!File.Exists(path))
            throw new InvalidOperationException($"DataProtection:CertificatePath points at '{path}', which does not exist.");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, section["CertificatePassword"]);
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException("DataProtection:CertificatePath must be a PFX with its private key: keys encrypted with it are decrypted with it.");
        return certificate;
    }
}
