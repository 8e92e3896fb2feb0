using System.Globalization;
using Azure.Data.Tables;
using FunctionsDownloader.Storage;

namespace FunctionsDownloader.Jobs;

/// <summary>
/// Persists a job's log lines in a table partition of their own (partition = request id), in
/// order: row keys are the time in ticks plus a sequence number.
/// </summary>
public sealed class JobLogStore(ServiceTables tables)
{
    // A table transaction takes at most 100 entities of one partition.
    private const int MaxBatch = 100;

    /// <summary>Appends lines; each must carry the row key made by <see cref="RowKey"/>.</summary>
    public async Task AppendAsync(
        string requestId,
        IReadOnlyList<(string RowKey, JobLogLine Line)> lines,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return;
        }

        TableClient table = await tables.JobLogsAsync(cancellationToken);
        foreach ((string RowKey, JobLogLine Line)[] chunk in lines.Chunk(MaxBatch))
        {
            var actions = chunk.Select(l => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(requestId, l.RowKey)
                {
                    ["Time"] = l.Line.Timestamp,
                    ["Level"] = l.Line.Level,
                    ["Message"] = l.Line.Message,
                }));
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    /// <summary>A page of a job's log lines in the order they were written, and the total count.</summary>
    public async Task<(IReadOnlyList<JobLogLine> Lines, int Total)> ListAsync(
        string requestId,
        int offset,
        int limit,
        CancellationToken cancellationToken)
    {
        TableClient table = await tables.JobLogsAsync(cancellationToken);
        var page = new List<JobLogLine>(Math.Min(limit, 1000));
        int index = 0;
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {requestId}");
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(
            filter, select: ["Time", "Level", "Message"], cancellationToken: cancellationToken))
        {
            if (index >= offset && page.Count < limit)
            {
                page.Add(new JobLogLine(
                    entity.GetDateTimeOffset("Time") ?? entity.Timestamp ?? default,
                    entity.GetString("Level") ?? JobLogLevel.Info,
                    entity.GetString("Message") ?? ""));
            }

            index++;
        }

        return (page, index);
    }

    /// <summary>An ordered row key for a line written at <paramref name="time"/> as the writer's line number <paramref name="sequence"/>.</summary>
    public static string RowKey(DateTimeOffset time, long sequence, string writerId) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{time.UtcTicks:D19}-{sequence:D8}-{writerId}");
}
