using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Downloads;

/// <summary>Cancelling jobs through the Standalone host.</summary>
[Collection(ServiceGroup.Name)]
public sealed class CancelDownloadTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task Cancelling_a_running_download_ends_it_cancelled_with_no_blob_and_no_process()
    {
        // Arrange: a throttled source keeps yt-dlp busy for many seconds.
        string requestId = await service.CreateDownloadAsync(service.Site.SlowMp4);
        await service.WaitForJobAsync(
            requestId,
            j => j.GetProperty("phase").GetString() == "downloading" && j.GetProperty("progress_percent").GetDouble() > 0,
            TimeSpan.FromSeconds(60));
        Assert.NotEmpty(ProcessTable.CommandLinesContaining(requestId));

        // Act
        using HttpResponseMessage cancel = await service.Http.DeleteAsync($"/api/v1/download/{requestId}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        using (JsonDocument body = JsonDocument.Parse(await cancel.Content.ReadAsStringAsync()))
        {
            Assert.Equal("cancelled", body.RootElement.GetProperty("status").GetString());
            Assert.Equal(requestId, body.RootElement.GetProperty("request_id").GetString());
        }

        IReadOnlyList<string> left = await ProcessTable.WaitUntilNoneAsync(requestId, TimeSpan.FromSeconds(10));
        Assert.True(left.Count == 0, "processes still running: " + string.Join(" | ", left));

        // Give a late upload the chance to show up, then check nothing changed.
        await Task.Delay(TimeSpan.FromSeconds(3));
        JsonElement job = await service.GetJobAsync(requestId);
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.Equal("cancelled", job.GetProperty("error_code").GetString());
        Assert.False(job.TryGetProperty("file_url", out _));
        await foreach (BlobItem blob in service.Results.GetBlobsAsync(new GetBlobsOptions { Prefix = requestId + "/" }))
        {
            Assert.Fail($"a blob was left behind: {blob.Name}");
        }

        Assert.False(Directory.Exists(Path.Combine(service.WorkRoot, requestId)), "the job directory was left behind");
    }

    [Fact(Timeout = 120_000)]
    public async Task Cancelling_a_finished_download_is_refused_and_changes_nothing()
    {
        // Arrange
        string requestId = await service.CreateDownloadAsync(service.Site.DirectMp4);
        JsonElement finished = await service.WaitForFinishAsync(requestId);
        Assert.Equal("completed", finished.GetProperty("status").GetString());

        // Act
        using HttpResponseMessage cancel = await service.Http.DeleteAsync($"/api/v1/download/{requestId}");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await cancel.Content.ReadAsStringAsync());
        Assert.Contains("already finished", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        JsonElement after = await service.GetJobAsync(requestId);
        Assert.Equal("completed", after.GetProperty("status").GetString());
        Assert.True(after.TryGetProperty("file_url", out _));
    }
}
