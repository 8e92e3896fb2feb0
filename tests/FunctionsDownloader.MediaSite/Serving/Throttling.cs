using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// Middleware for the slow branch: swaps the response body for a <see cref="ThrottledStream"/>
/// so the static file middleware behind it (ranges included) sends at a fixed byte rate.
/// </summary>
internal static class Throttling
{
    private const int _chunkSize = 8 * 1024;
    private static readonly TimeSpan _period = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The bucket's size, which is also what a response may send at once before the rate applies.
    /// A bucket of one period's tokens plus one chunk never overflows between two chunks, so no
    /// tokens are lost and the rate holds.
    /// </summary>
    public static int BurstBytes(int bytesPerSecond) => PerPeriod(bytesPerSecond) + _chunkSize;

    private static int PerPeriod(int bytesPerSecond) =>
        Math.Max(1, (int)(bytesPerSecond * _period.TotalSeconds));

    public static async Task InvokeAsync(
        HttpContext context, RequestDelegate next, int bytesPerSecond, CancellationToken stopping)
    {
        using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = BurstBytes(bytesPerSecond),
            TokensPerPeriod = PerPeriod(bytesPerSecond),
            ReplenishmentPeriod = _period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

        // A throttled transfer can outlive a test; end it when the site stops, not after the host's
        // shutdown timeout.
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, stopping);
        var requestAborted = context.RequestAborted;
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var body = new ThrottledStream(original.Stream, limiter, _chunkSize);
        var throttled = new StreamResponseBodyFeature(body, original);

        context.Features.Set<IHttpResponseBodyFeature>(throttled);
        context.RequestAborted = aborted.Token;
        try
        {
            // The static file middleware swallows the cancellation of a send it could not finish.
            await next(context);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
        finally
        {
            context.RequestAborted = requestAborted;
            context.Features.Set(original);
        }

        if (aborted.IsCancellationRequested)
        {
            // Drop the connection rather than let Kestrel end a response shorter than declared.
            context.Abort();
        }
    }
}
