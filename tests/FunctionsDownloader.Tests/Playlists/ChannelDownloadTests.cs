using System.Globalization;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Playlists;

/// <summary>Downloading the latest videos of a channel (the media site's dated feed) through the host.</summary>
[Collection(ServiceGroup.Name)]
public sealed class ChannelDownloadTests(ServiceFixture service)
{
    [Fact(Timeout = 180_000)]
    public async Task A_limit_takes_the_latest_episodes_newest_first()
    {
        // Act
        JsonElement created = await service.CreateAsync(
            "/api/v1/channel/download", new { url = service.Site.ChannelFeed, limit = 3, concurrent_limit = 3 });
        JsonElement batch = await service.WaitForBatchFinishAsync(created.GetProperty("batch_id").GetString()!);

        // Assert
        int newest = service.Site.ChannelFeedCount;
        Assert.True(batch.GetProperty("status").GetString() == "completed", $"batch did not complete: {batch}");
        Assert.Equal("channel", batch.GetProperty("kind").GetString());
        Assert.Equal(
            new[] { newest, newest - 1, newest - 2 }.Select(service.Site.EpisodeTitle), batch.JobValues("title"));
        Assert.Equal(3, batch.GetProperty("completed").GetInt32());
    }

    [Fact(Timeout = 180_000)]
    public async Task Date_filters_take_only_the_episodes_uploaded_in_that_range()
    {
        // Arrange: the bounds in both accepted forms, both included.
        string after = service.Site.EpisodeDate(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string before = service.Site.EpisodeDate(5).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        // Act
        JsonElement created = await service.CreateAsync(
            "/api/v1/channel/download",
            new
            {
                url = service.Site.ChannelFeed,
                date_after = after,
                date_before = before,
                limit = 10,
                concurrent_limit = 3,
            });
        JsonElement batch = await service.WaitForBatchFinishAsync(created.GetProperty("batch_id").GetString()!);

        // Assert
        Assert.True(batch.GetProperty("status").GetString() == "completed", $"batch did not complete: {batch}");
        Assert.Equal(new[] { 5, 4, 3 }.Select(service.Site.EpisodeTitle), batch.JobValues("title"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Dates_that_match_no_episode_end_the_batch_failed_with_no_jobs()
    {
        // Act
        JsonElement created = await service.CreateAsync(
            "/api/v1/channel/download", new { url = service.Site.ChannelFeed, date_after = "20300101" });
        JsonElement batch = await service.WaitForBatchFinishAsync(created.GetProperty("batch_id").GetString()!);

        // Assert
        Assert.Equal("failed", batch.GetProperty("status").GetString());
        Assert.Empty(batch.Jobs());
        Assert.Contains("matched", batch.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
