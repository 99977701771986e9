using System.Xml.Linq;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatAi.Web;

/// <summary>
/// Keeps the data-protection key ring in the app's database, so a restart (or another instance)
/// still reads the cookies it issued. Keys are stored unencrypted: protect the database file.
/// </summary>
internal sealed class DbXmlRepository(IDbContextFactory<ChatAiDbContext> dbFactory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = dbFactory.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().ConvertAll(x => XElement.Parse(x));
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = dbFactory.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

internal sealed class DbXmlRepositorySetup(IDbContextFactory<ChatAiDbContext> dbFactory) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options) => options.XmlRepository = new DbXmlRepository(dbFactory);
}
