using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Batches;

/// <summary>
/// <c>concurrent_limit</c>, seen from both ends: the media site counts the batch's open throttled downloads,
/// and the batch's own status counts its running jobs.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class BatchConcurrencyTests(ServiceFixture service)
{
    [Fact(Timeout = 180_000)]
    public async Task At_no_moment_are_more_than_concurrent_limit_items_of_a_batch_downloading()
    {
        // Arrange: five throttled downloads of a few seconds each, two at a time.
        const int limit = 2;
        string tag = BatchApi.NewTag();
        Uri[] urls = [.. Enumerable.Range(1, 5).Select(n => service.Site.SlowTagged("media/direct.mp4", tag, n))];

        // Act
        JsonElement created = await service.CreateAsync(
            "/api/v1/batch/download", new { urls, concurrent_limit = limit });
        string batchId = created.GetProperty("batch_id").GetString()!;
        int mostRunning = 0;
        int mostOpen = 0;
        JsonElement batch = await service.WaitForBatchAsync(
            batchId,
            b =>
            {
                mostRunning = Math.Max(mostRunning, b.GetProperty("running").GetInt32());
                mostOpen = Math.Max(mostOpen, service.Site.SlowConcurrency(tag).Open);
                return b.GetProperty("status").GetString() != "running";
            },
            TimeSpan.FromSeconds(150));

        // Assert: all done, never more than two at once, and two at once did happen.
        Assert.True(batch.GetProperty("status").GetString() == "completed", $"batch did not complete: {batch}");
        Assert.Equal(5, batch.GetProperty("completed").GetInt32());
        (int open, int peak) = service.Site.SlowConcurrency(tag);
        Assert.Equal(0, open);
        Assert.Equal(limit, peak);
        Assert.InRange(mostRunning, 1, limit);
        Assert.InRange(mostOpen, 0, limit);
    }
}
