using Azure;
using Azure.Data.Tables;

namespace FunctionsDownloader.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> a caller used: partition = owner, row = SHA-256 of the key, pointing at
/// the job or batch the first request with that key created, and the hash of that request's body.
/// </summary>
public sealed class IdempotencyRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The job or batch id.</summary>
    public string ResourceId { get; set; } = "";

    /// <summary>What the id names (<c>download</c>, <c>batch</c>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>SHA-256 of the route and body of the first request.</summary>
    public string RequestHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
