using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using FunctionsDownloader.Bench.Reporting;

namespace FunctionsDownloader.Bench.Scenarios;

/// <summary>
/// (c) <c>GET /api/v1/download/{id}</c> of a completed job under 50 concurrent pollers, against 50
/// concurrent point reads of the same job's row straight from Table Storage: what the route adds to
/// the one read it has to make.
/// </summary>
public static class PollingScenario
{
    private const int Pollers = 50;
    private const double Target = 2.00;

    /// <summary>Measures both sides and adds the p50 and p99 figures.</summary>
    public static async Task RunAsync(
        BenchContext context, string requestId, bool quick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        TimeSpan warmUp = TimeSpan.FromSeconds(2);
        TimeSpan duration = TimeSpan.FromSeconds(quick ? 4 : 10);
        var route = new Uri($"/api/v1/download/{requestId}", UriKind.Relative);
        Func<Task> get = async () =>
        {
            using HttpResponseMessage response = await context.Api.Http.GetAsync(route, cancellationToken);
            response.EnsureSuccessStatusCode();
        };
        Func<Task> read = async () =>
            await context.Jobs.GetEntityAsync<TableEntity>(requestId, "job", cancellationToken: cancellationToken);

        await LoadAsync(get, warmUp, cancellationToken);
        double[] service = await LoadAsync(get, duration, cancellationToken);
        await LoadAsync(read, warmUp, cancellationToken);
        double[] bare = await LoadAsync(read, duration, cancellationToken);

        string counts = string.Create(
            CultureInfo.InvariantCulture,
            $"{service.Length} GETs and {bare.Length} point reads in {duration.TotalSeconds:0} s each " +
            $"({service.Length / duration.TotalSeconds:0} and {bare.Length / duration.TotalSeconds:0} per second)");
        double p50 = Statistics.Percentile(service, 50);
        double bareP50 = Statistics.Percentile(bare, 50);
        context.Report.Add(new Figure(
            "c-poll-p50",
            "GET /download/{id} p50, 50 pollers (reference: bare Table point read)",
            "ms",
            p50,
            bareP50,
            string.Create(CultureInfo.InvariantCulture, $"≤ {Target:0.00}× bare"),
            p50 <= bareP50 * Target)
        {
            Note = counts,
        });
        context.Report.Add(new Figure(
            "c-poll-p99",
            "GET /download/{id} p99, 50 pollers (reference: bare Table point read)",
            "ms",
            Statistics.Percentile(service, 99),
            Statistics.Percentile(bare, 99),
            "reported",
            null)
        {
            Note = "no target; shown beside the p50",
        });
    }

    /// <summary>Runs <paramref name="operation"/> in 50 loops for <paramref name="duration"/>; latencies, ms.</summary>
    private static async Task<double[]> LoadAsync(
        Func<Task> operation, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Pollers).Select(_ => Task.Run(
            async () =>
            {
                while (clock.Elapsed < duration)
                {
                    long started = Stopwatch.GetTimestamp();
                    await operation();
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            },
            cancellationToken)));
        return [.. latencies];
    }
}
