using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using FunctionsDownloader.Http;
using FunctionsDownloader.Media;
using FunctionsDownloader.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Operations;

/// <summary>
/// <c>GET /api/v1/health</c> (anonymous): storage, the task hub, yt-dlp, ffmpeg and ffprobe with
/// their resolved paths and versions, and free temp disk. 503 when anything is unhealthy.
/// </summary>
public sealed class HealthHandlers(
    ServiceTables tables,
    ToolVersions tools,
    WorkDirectories directories,
    TimeProvider clock,
    ILogger<HealthHandlers> logger)
{
    private const long DegradedDiskBytes = 2L * 1024 * 1024 * 1024;
    private const long UnhealthyDiskBytes = 200L * 1024 * 1024;
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset StartedAt = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    /// <summary>When this process started.</summary>
    public static DateTimeOffset ProcessStartedAt => StartedAt;

    /// <summary>The service's version.</summary>
    public static string ServiceVersion { get; } =
        typeof(HealthHandlers).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>Runs every check.</summary>
    public Task<IResult> GetAsync(HttpRequest request, DurableTaskClient client) =>
        ApiErrors.RunAsync(request.HttpContext, logger, async () =>
        {
            ArgumentNullException.ThrowIfNull(client);
            CancellationToken cancellationToken = request.HttpContext.RequestAborted;

            HealthCheck[] checks = await Task.WhenAll(
                CheckAsync("storage", StorageAsync, cancellationToken),
                CheckAsync("task_hub", ct => TaskHubAsync(client, ct), cancellationToken),
                CheckAsync("yt-dlp", ct => ToolAsync(ToolLocator.YtDlp, ct), cancellationToken),
                CheckAsync("ffmpeg", ct => ToolAsync(ToolLocator.Ffmpeg, ct), cancellationToken),
                CheckAsync("ffprobe", ct => ToolAsync(ToolLocator.Ffprobe, ct), cancellationToken),
                CheckAsync("temp_disk", _ => Task.FromResult(Disk()), cancellationToken));

            string status = checks.Aggregate(HealthStatus.Healthy, (worst, c) => HealthStatus.Worst(worst, c.Status));
            DateTimeOffset now = clock.GetUtcNow();
            var response = new HealthResponse(status, now, ServiceVersion, Math.Round((now - StartedAt).TotalSeconds, 1), checks);
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return TypedResults.Json(
                response,
                ApiJson.Options,
                statusCode: status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        });

    private async Task<HealthCheck> CheckAsync(
        string name,
        Func<CancellationToken, Task<HealthCheck>> check,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            return await check(timeout.Token) with { Name = name };
        }
        catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Health check {Check} failed", name);
            // Anonymous callers see what failed, not connection strings or stack traces.
            string reason = e switch
            {
                OperationCanceledException => "Did not answer in time.",
                FileNotFoundException or InvalidOperationException when name is not "storage" and not "task_hub" => e.Message,
                _ => $"Did not answer ({e.GetType().Name}).",
            };
            return new HealthCheck(name, HealthStatus.Unhealthy, reason);
        }
    }

    private async Task<HealthCheck> StorageAsync(CancellationToken cancellationToken)
    {
        Azure.Data.Tables.TableClient jobs = await tables.JobsAsync(cancellationToken);
        await jobs.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("health", "probe", cancellationToken: cancellationToken);
        return new HealthCheck("", HealthStatus.Healthy, "Tables and blobs answer.");
    }

    private static async Task<HealthCheck> TaskHubAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        await client.GetInstanceAsync("health-probe", cancellationToken);
        return new HealthCheck("", HealthStatus.Healthy, "The task hub answers.");
    }

    private async Task<HealthCheck> ToolAsync(string tool, CancellationToken cancellationToken)
    {
        (string path, string version) = await tools.GetAsync(tool, cancellationToken);
        return new HealthCheck("", HealthStatus.Healthy, $"{version} ({path})");
    }

    private HealthCheck Disk()
    {
        Directory.CreateDirectory(directories.Root);
        long free = new DriveInfo(directories.Root).AvailableFreeSpace;
        string text = string.Create(CultureInfo.InvariantCulture, $"{free / (1024 * 1024)} MiB free for job files.");
        string status = free < UnhealthyDiskBytes ? HealthStatus.Unhealthy
            : free < DegradedDiskBytes ? HealthStatus.Degraded
            : HealthStatus.Healthy;
        return new HealthCheck("", status, text);
    }
}
