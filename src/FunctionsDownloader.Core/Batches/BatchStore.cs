using Azure;
using Azure.Data.Tables;
using FunctionsDownloader.Monitoring;
using FunctionsDownloader.Storage;

namespace FunctionsDownloader.Batches;

/// <summary>
/// Reads and writes batch records; every change is a read-modify-write guarded by the ETag. Every batch it
/// creates and every status change it writes is counted (<see cref="ServiceCounters"/>).
/// </summary>
public sealed class BatchStore(ServiceTables tables, ServiceCounters counters, TimeProvider clock)
{
    private const string TableName = "batches";
    private const int MaxConflictRetries = 20;

    /// <summary>The batches table.</summary>
    public Task<TableClient> TableAsync(CancellationToken cancellationToken) =>
        tables.GetAsync(TableName, cancellationToken);

    /// <summary>Stores a new batch; fails when the id is already taken.</summary>
    public async Task CreateAsync(BatchRecord batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);

        TableClient table = await TableAsync(cancellationToken);
        batch.UpdatedAt = clock.GetUtcNow();
        Response response = await table.AddEntityAsync(batch, cancellationToken);
        batch.ETag = response.Headers.ETag ?? default;
        await counters.BatchCreatedAsync(batch);
    }

    /// <summary>The batch, or <c>null</c> when there is none with that id.</summary>
    public async Task<BatchRecord?> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchId);

        TableClient table = await TableAsync(cancellationToken);
        NullableResponse<BatchRecord> response = await table.GetEntityIfExistsAsync<BatchRecord>(
            batchId, BatchRecord.BatchRowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current record and writes it under its ETag, trying again when
    /// another writer got there first; <paramref name="change"/> returns <c>false</c> to leave it as it is.
    /// </summary>
    /// <returns>The record as stored and whether this call changed it; <c>null</c> when there is none.</returns>
    public async Task<(BatchRecord Batch, bool Applied)?> UpdateAsync(
        string batchId,
        Func<BatchRecord, bool> change,
        CancellationToken cancellationToken)
    {
        // The status the record had when the change that was finally written was applied to it.
        string before = "";
        (BatchRecord Batch, bool Applied)? result = await ConcurrentUpdate.ApplyAsync(
            () => GetAsync(batchId, cancellationToken),
            batch => TryReplaceAsync(batch, cancellationToken),
            batch =>
            {
                before = batch.Status;
                return change(batch);
            },
            MaxConflictRetries,
            $"Batch '{batchId}'");

        if (result is { Applied: true, Batch: var stored } && stored.Status != before)
        {
            await counters.BatchChangedAsync(before, stored);
        }

        return result;
    }

    private async Task<bool> TryReplaceAsync(BatchRecord batch, CancellationToken cancellationToken)
    {
        TableClient table = await TableAsync(cancellationToken);
        batch.UpdatedAt = clock.GetUtcNow();
        return await ConcurrentUpdate.TryReplaceAsync(table, batch, cancellationToken);
    }
}
