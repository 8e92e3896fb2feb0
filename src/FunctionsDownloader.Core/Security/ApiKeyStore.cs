using Azure;
using Azure.Data.Tables;
using FunctionsDownloader.Storage;

namespace FunctionsDownloader.Security;

/// <summary>The API keys table.</summary>
public sealed class ApiKeyStore(ServiceTables tables)
{
    private const string TableName = "apikeys";

    /// <summary>Stores a new key record.</summary>
    public async Task AddAsync(ApiKeyRecord record, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        await table.AddEntityAsync(record, cancellationToken);
    }

    /// <summary>The key with id <paramref name="keyId"/>, or <c>null</c>.</summary>
    public async Task<ApiKeyRecord?> GetAsync(string keyId, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        NullableResponse<ApiKeyRecord> response = await table.GetEntityIfExistsAsync<ApiKeyRecord>(
            keyId, ApiKeyRecord.KeyRowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Every key, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        var keys = new List<ApiKeyRecord>();
        await foreach (ApiKeyRecord record in table.QueryAsync<ApiKeyRecord>(cancellationToken: cancellationToken))
        {
            keys.Add(record);
        }

        return [.. keys.OrderByDescending(k => k.CreatedAt)];
    }

    /// <summary>Writes a changed record (guarded by its ETag).</summary>
    public async Task UpdateAsync(ApiKeyRecord record, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, cancellationToken);
    }
}
