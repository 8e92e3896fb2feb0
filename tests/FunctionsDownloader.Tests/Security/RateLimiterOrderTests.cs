using FunctionsDownloader.Configuration;
using FunctionsDownloader.Security;
using FunctionsDownloader.Storage;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Tests.Security;

/// <summary>
/// The limiter ranks requests by when storage took their rows, so instances whose clocks disagree (or a
/// request whose row lands late) still admit no more than the limit.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class RateLimiterOrderTests(ServiceFixture service)
{
    [Fact(Timeout = 60_000)]
    public async Task Requests_whose_clocks_run_backwards_still_get_only_the_limit()
    {
        // Arrange: two a second; each request's clock reads earlier than the one before it, as when each
        // comes from an instance whose clock runs further behind, or whose insert was slower.
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        var tables = new ServiceTables(
            StorageAccount.FromConnectionString(service.Azurite.ConnectionString),
            Options.Create(new DownloaderOptions { TablePrefix = "t" + Guid.NewGuid().ToString("N")[..10] }));
        var limiter = new RequestRateLimiter(
            tables,
            Options.Create(new RateLimitOptions { Download = new RateLimitWindow { PerSecond = 2, PerMinute = 100 } }),
            clock);

        // Act
        var allowed = new List<bool>();
        for (int i = 0; i < 3; i++)
        {
            clock.Now -= TimeSpan.FromMilliseconds(300);
            allowed.Add((await limiter.CheckAsync("key", RateLimitCategory.Download, CancellationToken.None)).Allowed);
        }

        // Assert: the first two in the order storage took them, not the third.
        Assert.Equal([true, true, false], allowed);
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
