using Azure;
using Azure.Data.Tables;

namespace FunctionsDownloader.Storage;

/// <summary>
/// A read-modify-write of one table record guarded by its ETag: the change is applied to the current
/// record and written only if nobody changed it since it was read, re-reading and re-applying when
/// another writer got there first.
/// </summary>
public static class ConcurrentUpdate
{
    /// <summary>Applies <paramref name="change"/> until a write succeeds or the change declines.</summary>
    /// <param name="read">Reads the current record, or <c>null</c> when there is none.</param>
    /// <param name="tryReplace">Writes the record under its ETag; <c>false</c> when somebody changed it.</param>
    /// <param name="change">Changes the record; returns <c>false</c> to leave it as it is.</param>
    /// <param name="maxAttempts">How many conflicts to tolerate.</param>
    /// <param name="describe">Names the record in the exception thrown when the attempts run out.</param>
    /// <returns>The record as stored and whether this call changed it; <c>null</c> when there is no record.</returns>
    /// <exception cref="InvalidOperationException">The record kept changing under every attempt.</exception>
    public static async Task<(T Record, bool Applied)?> ApplyAsync<T>(
        Func<Task<T?>> read,
        Func<T, Task<bool>> tryReplace,
        Func<T, bool> change,
        int maxAttempts,
        string describe)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(tryReplace);
        ArgumentNullException.ThrowIfNull(change);

        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            T? record = await read();
            if (record is null)
            {
                return null;
            }

            if (!change(record))
            {
                return (record, false);
            }

            if (await tryReplace(record))
            {
                return (record, true);
            }
        }

        throw new InvalidOperationException(
            $"{describe} kept changing under {maxAttempts} attempts to update it; try again.");
    }

    /// <summary>
    /// Writes <paramref name="record"/> only if nobody changed it since it was read (its ETag still matches),
    /// and takes the new ETag. Returns <c>false</c>, leaving the stored record as it was, when somebody did.
    /// </summary>
    public static async Task<bool> TryReplaceAsync<T>(TableClient table, T record, CancellationToken cancellationToken)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            Response response = await table.UpdateEntityAsync(
                record, record.ETag, TableUpdateMode.Replace, cancellationToken);
            record.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }
}
