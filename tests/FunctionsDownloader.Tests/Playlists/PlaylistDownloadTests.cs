using System.Net;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Playlists;

/// <summary>Downloading a selection of a playlist through the Standalone host: each entry a job of a batch.</summary>
[Collection(ServiceGroup.Name)]
public sealed class PlaylistDownloadTests(ServiceFixture service)
{
    [Fact(Timeout = 180_000)]
    public async Task Selecting_items_1_to_3_and_7_downloads_exactly_those_four_in_playlist_order()
    {
        // Arrange
        string tag = BatchApi.NewTag();
        Uri feed = BatchApi.Tagged(service.Site.PlaylistFeed, tag);

        // Act
        JsonElement created = await service.CreateAsync(
            "/api/v1/playlist/download", new { url = feed, items = "7,1-3", concurrent_limit = 4 });
        string batchId = created.GetProperty("batch_id").GetString()!;
        JsonElement batch = await service.WaitForBatchFinishAsync(batchId);

        // Assert
        Assert.Equal("playlist", created.GetProperty("kind").GetString());
        Assert.True(batch.GetProperty("status").GetString() == "completed", $"batch did not complete: {batch}");
        Assert.Equal(4, batch.GetProperty("total_urls").GetInt32());
        Assert.Equal(4, batch.GetProperty("completed").GetInt32());
        Assert.Equal(0, batch.GetProperty("failed").GetInt32());
        Assert.Equal(100, batch.GetProperty("progress_percent").GetDouble());
        Assert.Equal(service.Site.PlaylistFeedTitle, batch.GetProperty("title").GetString());
        Assert.Equal(new string?[] { "1", "2", "3", "7" }, batch.JobValues("playlist_index"));
        Assert.Equal(new[] { 1, 2, 3, 7 }.Select(service.Site.ItemTitle), batch.JobValues("title"));
        Assert.All(batch.Jobs(), j => Assert.True(j.TryGetProperty("file_url", out _)));

        // Exactly those four items were fetched, and nothing else of this feed.
        string[] fetched =
        [
            .. service.Site.RequestsTo("feeds/items/")
                .Where(r => r.EndsWith("tag=" + tag, StringComparison.Ordinal))
                .Select(r => r["feeds/items/".Length..r.IndexOf(".mp4", StringComparison.Ordinal)])
                .Distinct()
                .Order(StringComparer.Ordinal),
        ];
        Assert.Equal(["1", "2", "3", "7"], fetched);

        // The jobs are ordinary jobs, and the files are real media.
        string seventh = batch.Jobs()[3].GetProperty("request_id").GetString()!;
        JsonElement job = await service.GetJobAsync(seventh);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(service.Site.ItemTitle(7), job.GetProperty("title").GetString());
        (Ffprobe.Result probe, long length, HttpResponseMessage file) =
            await Ffprobe.DownloadAndProbeAsync(new Uri(job.GetProperty("file_url").GetString()!));
        file.Dispose();
        Assert.Equal(job.GetProperty("file_size").GetInt64(), length);
        Assert.Equal(1, probe.Count("video"));
        Assert.InRange(probe.Duration, 0.5, 1.5);
    }

    [Fact(Timeout = 180_000)]
    public async Task Start_and_end_take_that_range_of_a_page_with_several_videos()
    {
        // Act
        JsonElement created = await service.CreateAsync(
            "/api/v1/playlist/download", new { url = service.Site.SeveralVideosPage, start = 2, end = 2 });
        JsonElement batch = await service.WaitForBatchFinishAsync(created.GetProperty("batch_id").GetString()!);

        // Assert: the second video of the page is the 4 s clip.
        Assert.True(batch.GetProperty("status").GetString() == "completed", $"batch did not complete: {batch}");
        JsonElement job = Assert.Single(batch.Jobs());
        Assert.Equal(2, job.GetProperty("playlist_index").GetInt32());
        Assert.Equal(service.Site.SeveralVideosSources[1].AbsoluteUri, job.GetProperty("url").GetString());
        (Ffprobe.Result probe, _, HttpResponseMessage file) =
            await Ffprobe.DownloadAndProbeAsync(new Uri(job.GetProperty("file_url").GetString()!));
        file.Dispose();
        double clip = service.Site.HtmlPageDuration.TotalSeconds;
        Assert.InRange(probe.Duration, clip - 0.5, clip + 0.5);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_playlist_download_of_a_single_video_ends_failed_with_a_readable_error_and_no_jobs()
    {
        // Act
        JsonElement created = await service.CreateAsync(
            "/api/v1/playlist/download", new { url = service.Site.DirectMp4 });
        JsonElement batch = await service.WaitForBatchFinishAsync(created.GetProperty("batch_id").GetString()!);

        // Assert
        Assert.Equal("running", created.GetProperty("status").GetString());
        Assert.Equal("failed", batch.GetProperty("status").GetString());
        Assert.Equal("unsupported_url", batch.GetProperty("error_code").GetString());
        Assert.Contains("single video", batch.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, batch.GetProperty("total_urls").GetInt32());
        Assert.Empty(batch.Jobs());
    }

    [Fact(Timeout = 120_000)]
    public async Task Items_past_the_end_of_the_playlist_end_the_batch_failed_without_jobs_and_an_empty_archive()
    {
        // Act
        JsonElement created = await service.CreateAsync(
            "/api/v1/playlist/download", new { url = service.Site.SeveralVideosPage, items = "4-9", archive = "zip" });
        JsonElement batch = await service.WaitForBatchFinishAsync(created.GetProperty("batch_id").GetString()!);

        // Assert
        Assert.Equal("failed", batch.GetProperty("status").GetString());
        Assert.Contains("matched", batch.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(batch.Jobs());
        Assert.Equal("empty", batch.GetProperty("archive_status").GetString());
        Assert.False(batch.TryGetProperty("archive_url", out _));
        using HttpResponseMessage cancel =
            await service.Http.DeleteAsync($"/api/v1/batch/{batch.GetProperty("batch_id").GetString()}");
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
    }
}
