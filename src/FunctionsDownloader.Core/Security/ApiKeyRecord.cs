using Azure;
using Azure.Data.Tables;

namespace FunctionsDownloader.Security;

/// <summary>An API key as stored: its SHA-256 hash, never the key itself.</summary>
public sealed class ApiKeyRecord : ITableEntity
{
    public const string KeyRowKey = "key";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = KeyRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The key's public id (also the owner id of what it creates).</summary>
    public string KeyId
    {
        get => PartitionKey;
        set => PartitionKey = value;
    }

    public string Name { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the whole key.</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>The secret webhooks of this key are signed with.</summary>
    public string WebhookSecret { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
