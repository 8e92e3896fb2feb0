using Azure;
using Azure.Data.Tables;

namespace FunctionsDownloader.Cookies;

/// <summary>
/// The index row of a stored cookies file: who owns it and what it covers, never a cookie value.
/// The partition key is the cookies id, so every lookup by id is a point read.
/// </summary>
public sealed class CookiesRecord : ITableEntity
{
    /// <summary>The only row key of a cookies file's partition.</summary>
    public const string FileRowKey = "cookies";

    /// <summary>At most this many domains are kept in the index (a table string holds 64 KiB).</summary>
    public const int MaxIndexedDomains = 200;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = FileRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The file's id.</summary>
    public string CookiesId
    {
        get => PartitionKey;
        set => PartitionKey = value;
    }

    /// <summary>The id of the key that uploaded the file; other keys get 404 for it.</summary>
    public string Owner { get; set; } = "";

    /// <summary>The hosts the cookies are for, comma-separated.</summary>
    public string Domains { get; set; } = "";

    public int CookieCount { get; set; }
    public long SizeBytes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the first cookie with an expiry date expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
