using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Storage;
using Microsoft.AspNetCore.Http;

namespace FunctionsDownloader.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POST routes: the first request with a key reserves it for the job or
/// batch it is about to create (an insert that only one request can win); a repeat gets that
/// resource back instead of a new one, and a repeat with a different body is refused.
/// </summary>
public sealed class IdempotencyKeys(ServiceTables tables, TimeProvider clock)
{
    /// <summary>The request header.</summary>
    public const string HeaderName = "Idempotency-Key";

    private const string TableName = "idempotency";
    private const int MaxKeyLength = 255;

    /// <summary>The caller's key, or <c>null</c> when the request carries none.</summary>
    /// <exception cref="InvalidRequestException">The header is empty, too long or not printable ASCII.</exception>
    public static string? KeyOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(HeaderName, out var values))
        {
            return null;
        }

        string key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw new InvalidRequestException(
                HeaderName, $"{HeaderName} must be one value of 1 to {MaxKeyLength} printable ASCII characters without spaces.");
        }

        return key;
    }

    /// <summary>The hash that identifies a request's route and body.</summary>
    public static string HashRequest(string route, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(route + "\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Reserves <paramref name="key"/> for <paramref name="resourceId"/>; returns <c>null</c> when this
    /// call won, or the record of the request that used the key first.
    /// </summary>
    /// <exception cref="InvalidRequestException">The key was first used with a different request.</exception>
    public async Task<IdempotencyRecord?> ReserveAsync(
        string owner,
        string key,
        string kind,
        string resourceId,
        string requestHash,
        CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        var record = new IdempotencyRecord
        {
            PartitionKey = owner,
            RowKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            ResourceId = resourceId,
            Kind = kind,
            RequestHash = requestHash,
            CreatedAt = clock.GetUtcNow(),
        };

        try
        {
            await table.AddEntityAsync(record, cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            IdempotencyRecord first = (await table.GetEntityAsync<IdempotencyRecord>(
                record.PartitionKey, record.RowKey, cancellationToken: cancellationToken)).Value;
            if (first.Kind != kind || first.RequestHash != requestHash)
            {
                throw new InvalidRequestException(
                    HeaderName,
                    $"This {HeaderName} was already used for a different request. Use a new key for a new request.");
            }

            return first;
        }
    }

    /// <summary>Gives a reserved key back (the resource could not be created).</summary>
    public async Task ReleaseAsync(string owner, string key, CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        string rowKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        await table.DeleteEntityAsync(owner, rowKey, ETag.All, cancellationToken);
    }
}
