using FunctionsDownloader.Batches;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;

namespace FunctionsDownloader.Tests.Batches;

/// <summary>The overall status rules of the contract, the request bounds, and the ids a batch derives.</summary>
public sealed class BatchRulesTests
{
    [Theory]
    [InlineData("completed,completed", "completed")]
    [InlineData("completed,expired", "completed")]
    [InlineData("completed,failed", "failed")]
    [InlineData("cancelled,failed,completed", "failed")]
    [InlineData("completed,cancelled", "cancelled")]
    [InlineData("", "failed")]
    public void A_finished_batch_takes_its_status_from_its_jobs(string statuses, string expected)
    {
        // Arrange
        JobRecord[] jobs = Jobs(statuses.Split(',', StringSplitOptions.RemoveEmptyEntries));

        // Act
        BatchCounts counts = BatchCounts.Of(jobs);

        // Assert
        Assert.True(counts.AllFinished);
        Assert.Equal(expected, counts.FinalStatus());
    }

    [Fact]
    public void Counts_put_each_job_in_one_bucket()
    {
        // Act
        BatchCounts counts = BatchCounts.Of(
            Jobs(["queued", "running", "running", "completed", "expired", "failed", "cancelled"]));

        // Assert
        Assert.Equal(new BatchCounts(7, 1, 2, 2, 1, 1), counts);
        Assert.False(counts.AllFinished);
    }

    [Theory]
    [InlineData(null, 3)]
    [InlineData(1, 1)]
    [InlineData(10, 10)]
    public void A_concurrent_limit_from_1_to_10_is_taken(int? value, int expected) =>
        Assert.Equal(expected, BatchRequestRules.ConcurrentLimit(value, 3));

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(-1)]
    public void Any_other_concurrent_limit_is_refused(int value) =>
        Assert.Equal(
            "concurrent_limit",
            Assert.Throws<InvalidRequestException>(() => BatchRequestRules.ConcurrentLimit(value, 3)).Field);

    [Fact]
    public void Item_ids_follow_from_the_batch_and_the_position_and_look_like_request_ids()
    {
        // Arrange
        string batchId = BatchIds.New();

        // Act
        string[] ids = [.. Enumerable.Range(1, 500).Select(i => BatchIds.ItemRequestId(batchId, i))];

        // Assert
        Assert.Equal(ids, Enumerable.Range(1, 500).Select(i => BatchIds.ItemRequestId(batchId, i)));
        Assert.Equal(500, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(FunctionsDownloader.Downloads.RequestIds.IsWellFormed(id)));
        Assert.DoesNotContain(BatchIds.ItemRequestId(BatchIds.New(), 1), ids);
        Assert.Equal($"{batchId}-page-0003", BatchIds.PageInstanceId(batchId, 3));
        Assert.Equal("zip", BatchRequestRules.Archive(" ZIP "));
    }

    private static JobRecord[] Jobs(string[] statuses) => [.. statuses.Select(s => new JobRecord { Status = s })];
}
