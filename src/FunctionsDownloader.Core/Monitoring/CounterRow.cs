using Azure;
using Azure.Data.Tables;

namespace FunctionsDownloader.Monitoring;

/// <summary>One shard of one counter: the partition key is the shard, the row key the counter's name.</summary>
public sealed class CounterRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>This shard's part of the counter's value.</summary>
    public long Value { get; set; }
}
