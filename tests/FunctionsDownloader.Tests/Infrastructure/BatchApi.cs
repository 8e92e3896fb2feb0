using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;

namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>Creates, reads and waits for batches, playlists and channels through the Standalone host.</summary>
public static class BatchApi
{
    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/>, expects 201 and returns the batch.</summary>
    public static async Task<JsonElement> CreateAsync(
        this ServiceFixture service, string path, object body, HttpClient? client = null)
    {
        using HttpResponseMessage response = await (client ?? service.Http).PostAsJsonAsync(path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == HttpStatusCode.Created, $"POST {path} answered {(int)response.StatusCode}: {text}");
        using JsonDocument json = JsonDocument.Parse(text);
        string batchId = json.RootElement.GetProperty("batch_id").GetString()!;
        Assert.Equal($"/api/v1/batch/{batchId}", response.Headers.Location?.OriginalString);
        return json.RootElement.Clone();
    }

    /// <summary>The batch's current state.</summary>
    public static async Task<JsonElement> GetBatchAsync(
        this ServiceFixture service, string batchId, HttpClient? client = null)
    {
        using HttpResponseMessage response = await (client ?? service.Http).GetAsync($"/api/v1/batch/{batchId}");
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET batch answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls the batch until <paramref name="done"/> holds; fails after <paramref name="timeout"/>.</summary>
    public static async Task<JsonElement> WaitForBatchAsync(
        this ServiceFixture service,
        string batchId,
        Func<JsonElement, bool> done,
        TimeSpan timeout,
        HttpClient? client = null)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        JsonElement batch;
        do
        {
            batch = await service.GetBatchAsync(batchId, client);
            if (done(batch))
            {
                return batch;
            }

            await Task.Delay(300);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException(
            $"Batch {batchId} did not reach the expected state in {timeout}; last seen: {batch}");
    }

    /// <summary>Polls until the batch has finished (completed, failed or cancelled).</summary>
    public static Task<JsonElement> WaitForBatchFinishAsync(
        this ServiceFixture service, string batchId, TimeSpan? timeout = null, HttpClient? client = null) =>
        service.WaitForBatchAsync(
            batchId,
            b => b.GetProperty("status").GetString() != "running",
            timeout ?? TimeSpan.FromSeconds(90),
            client);

    /// <summary>The jobs of a batch as listed in its status, in order.</summary>
    public static JsonElement[] Jobs(this JsonElement batch) => [.. batch.GetProperty("jobs").EnumerateArray()];

    /// <summary>A string property of every job of a batch, in order.</summary>
    public static IReadOnlyList<string?> JobValues(this JsonElement batch, string property) =>
        [.. batch.Jobs().Select(j => j.TryGetProperty(property, out JsonElement v) ? v.ToString() : null)];

    /// <summary>How many batches the batches table holds.</summary>
    public static async Task<int> CountBatchesAsync(this ServiceFixture service) =>
        (await service.BatchIdsAsync()).Count;

    /// <summary>The ids of every batch in storage.</summary>
    public static async Task<HashSet<string>> BatchIdsAsync(this ServiceFixture service)
    {
        var table = new TableServiceClient(service.Azurite.ConnectionString).GetTableClient("fdbatches");
        await table.CreateIfNotExistsAsync();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            ids.Add(row.PartitionKey);
        }

        return ids;
    }

    /// <summary>A unique tag for this test's requests to the media site.</summary>
    public static string NewTag() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary><paramref name="url"/> with <c>?tag=</c><paramref name="tag"/>, which feeds pass on to items.</summary>
    public static Uri Tagged(Uri url, string tag) => new($"{url.AbsoluteUri}?tag={tag}");
}
