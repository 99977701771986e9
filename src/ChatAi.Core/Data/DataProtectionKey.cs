namespace ChatAi.Core.Data;

/// <summary>A data-protection key ring entry, kept in the database so restarts and other instances share it.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}
