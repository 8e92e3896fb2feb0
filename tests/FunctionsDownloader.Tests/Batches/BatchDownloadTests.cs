using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsDownloader.MediaSite;
using FunctionsDownloader.Tests.Infrastructure;
using FunctionsDownloader.Tests.Webhooks;

namespace FunctionsDownloader.Tests.Batches;

/// <summary>Batches of URLs through the Standalone host: jobs, counts, status, webhook, archive, ownership.</summary>
[Collection(ServiceGroup.Name)]
public sealed class BatchDownloadTests(ServiceFixture service)
{
    [Fact(Timeout = 180_000)]
    public async Task A_batch_of_good_and_bad_urls_completes_the_good_fails_the_bad_and_ends_failed()
    {
        // Arrange: two good URLs, a 404 and a playlist (which a single job refuses).
        string hook = "batch-" + Guid.NewGuid().ToString("N")[..12];
        Uri[] urls = [service.Site.DirectMp4, service.Site.NotFound, service.Site.FeedItem(5), service.Site.Feed];

        // Act
        JsonElement created = await service.CreateAsync(
            "/api/v1/batch/download",
            new { urls, concurrent_limit = 2, quality = "worst", callback_url = service.Site.Webhook(hook) });
        string batchId = created.GetProperty("batch_id").GetString()!;
        JsonElement batch = await service.WaitForBatchFinishAsync(batchId);

        // Assert: the 201 lists every job at once.
        Assert.Equal("batch", created.GetProperty("kind").GetString());
        Assert.Equal(4, created.GetProperty("total_urls").GetInt32());
        Assert.Equal(urls.Select(u => u.AbsoluteUri), created.JobValues("url"));
        Assert.Equal(4, created.JobValues("request_id").Distinct().Count());

        Assert.Equal("failed", batch.GetProperty("status").GetString());
        Assert.Equal(2, batch.GetProperty("completed").GetInt32());
        Assert.Equal(2, batch.GetProperty("failed").GetInt32());
        Assert.Equal(0, batch.GetProperty("queued").GetInt32());
        Assert.Equal(0, batch.GetProperty("running").GetInt32());
        Assert.Equal(0, batch.GetProperty("cancelled").GetInt32());
        Assert.True(batch.TryGetProperty("completed_at", out _));
        Assert.Equal(new string?[] { "completed", "failed", "completed", "failed" }, batch.JobValues("status"));
        Assert.Equal(new string?[] { null, "unavailable", null, "unsupported_url" }, batch.JobValues("error_code"));
        Assert.Equal(created.JobValues("request_id"), batch.JobValues("request_id"));

        // Each job is an ordinary job of the caller.
        foreach (JsonElement entry in batch.Jobs())
        {
            JsonElement job = await service.GetJobAsync(entry.GetProperty("request_id").GetString()!);
            Assert.Equal(entry.GetProperty("status").GetString(), job.GetProperty("status").GetString());
        }

        // One signed batch.finished webhook with the final counts.
        IReadOnlyList<ReceivedWebhook> received =
            await service.Site.WaitForWebhooksAsync(hook, 1, TimeSpan.FromSeconds(30));
        ReceivedWebhook sent = Assert.Single(received);
        Assert.Equal("batch.finished", sent.Header("X-FunctionsDownloader-Event"));
        Assert.Equal(batchId, sent.Header("X-FunctionsDownloader-Delivery"));
        WebhookDeliveryTests.AssertSignedWith(sent, service.WebhookSecret);
        using JsonDocument body = JsonDocument.Parse(sent.BodyText);
        Assert.Equal("failed", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("completed").GetInt32());
        Assert.Equal(4, body.RootElement.GetProperty("jobs").GetArrayLength());
    }

    [Fact(Timeout = 180_000)]
    public async Task The_zip_archive_holds_every_completed_file_byte_identical_to_its_blob()
    {
        // Act
        JsonElement created = await service.CreateAsync(
            "/api/v1/batch/download",
            new
            {
                urls = new[] { service.Site.DirectMp4, service.Site.NotFound, service.Site.FeedItem(9) },
                archive = "zip",
            });
        JsonElement batch = await service.WaitForBatchFinishAsync(created.GetProperty("batch_id").GetString()!);

        // Assert
        Assert.Equal("pending", created.GetProperty("archive_status").GetString());
        Assert.Equal("completed", batch.GetProperty("archive_status").GetString());
        var archiveUrl = new Uri(batch.GetProperty("archive_url").GetString()!);
        Assert.Contains("sig=", archiveUrl.Query, StringComparison.Ordinal);

        using var http = new HttpClient();
        using HttpResponseMessage response = await http.GetAsync(archiveUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        byte[] zipBytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(batch.GetProperty("archive_size").GetInt64(), zipBytes.Length);

        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        JsonElement[] completed = [.. batch.Jobs().Where(j => j.GetProperty("status").GetString() == "completed")];
        Assert.Equal(2, completed.Length);
        Assert.Equal(completed.Length, zip.Entries.Count);
        string[] positions = ["01", "03"];
        for (int i = 0; i < completed.Length; i++)
        {
            ZipArchiveEntry entry = zip.Entries[i];
            Assert.StartsWith(positions[i] + " - ", entry.FullName, StringComparison.Ordinal);
            byte[] blob = await http.GetByteArrayAsync(completed[i].GetProperty("file_url").GetString());
            using var content = new MemoryStream();
            await using (Stream stream = await entry.OpenAsync())
            {
                await stream.CopyToAsync(content);
            }

            Assert.Equal(blob, content.ToArray());
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Another_key_gets_404_for_a_batch_and_cannot_cancel_it()
    {
        // Arrange
        JsonElement created = await service.CreateAsync(
            "/api/v1/batch/download", new { urls = new[] { service.Site.FeedItem(11) } });
        string batchId = created.GetProperty("batch_id").GetString()!;
        using HttpClient other = service.NewClient(await service.CreateApiKeyAsync("batch-outsider"));

        // Act
        using HttpResponseMessage get = await other.GetAsync($"/api/v1/batch/{batchId}");
        using HttpResponseMessage cancel = await other.DeleteAsync($"/api/v1/batch/{batchId}");
        string requestId = created.Jobs()[0].GetProperty("request_id").GetString()!;
        using HttpResponseMessage job = await other.GetAsync($"/api/v1/download/{requestId}");
        using HttpResponseMessage unknown = await service.Http.GetAsync($"/api/v1/batch/{Guid.NewGuid():N}");
        using HttpResponseMessage malformed = await service.Http.GetAsync("/api/v1/batch/not-a-batch");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        JsonElement batch = await service.WaitForBatchFinishAsync(batchId);
        Assert.Equal("completed", batch.GetProperty("status").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task The_same_idempotency_key_sent_twice_gives_one_batch()
    {
        // Arrange
        string key = "batch-idem-" + Guid.NewGuid().ToString("N");
        string body = JsonSerializer.Serialize(new { urls = new[] { service.Site.FeedItem(12) } });
        int before = await service.CountBatchesAsync();

        // Act
        using HttpResponseMessage first = await PostWithKeyAsync(key, body);
        using HttpResponseMessage again = await PostWithKeyAsync(key, body);
        using HttpResponseMessage different = await PostWithKeyAsync(
            key, JsonSerializer.Serialize(new { urls = new[] { service.Site.FeedItem(13) } }));

        // Assert
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        string batchId = await BatchIdAsync(first);
        Assert.Equal(batchId, await BatchIdAsync(again));
        Assert.Equal(HttpStatusCode.BadRequest, different.StatusCode);
        Assert.Equal(before + 1, await service.CountBatchesAsync());
        await service.WaitForBatchFinishAsync(batchId);
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batch/download")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return service.Http.SendAsync(request);
    }

    private static async Task<string> BatchIdAsync(HttpResponseMessage response)
    {
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("batch_id").GetString()!;
    }
}
