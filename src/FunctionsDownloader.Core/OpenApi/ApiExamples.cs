using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Http;
using FunctionsDownloader.Monitoring;
using FunctionsDownloader.Operations;
using FunctionsDownloader.Security;

namespace FunctionsDownloader.OpenApi;

/// <summary>
/// The document's examples, built from the contract's own records and serialized like real answers,
/// so that an example can never show a field the service does not send.
/// </summary>
internal static class ApiExamples
{
    private const string RequestId = "5f0c7d1e9a2b4c3d8e7f6a5b4c3d2e1f";
    private const long FileBytes = 50_636_882;
    private const string KeyId = "7d3f9a1c0b2e";
    private const string FileUrl = "https://stexample.blob.core.windows.net/results/" + RequestId +
        "/Sunset%20over%20the%20bay.mp4?sv=2025-01-05&se=2026-03-15T09%3A27%3A33Z&sr=b&sp=r&sig=…";
    private static readonly DateTimeOffset Created = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static JsonNode DownloadRequest { get; } = Node(new Dictionary<string, object>
    {
        ["url"] = "https://www.example.com/watch?v=a1b2c3",
        ["quality"] = "720p",
        ["video_format"] = "mp4",
        ["callback_url"] = "https://hooks.example.net/downloads",
    });

    public static JsonNode Queued { get; } = Node(Job(JobExample.Queued));

    public static JsonNode Running { get; } = Node(Job(JobExample.Running));

    public static JsonNode Completed { get; } = Node(Job(JobExample.Completed));

    public static JsonNode Failed { get; } = Node(Job(JobExample.Failed));

    public static JsonNode Logs { get; } = Node(new LogsResponse(
        RequestId,
        [
            new LogEntry(Created.AddSeconds(1), "info", "Resolving https://www.example.com/watch."),
            new LogEntry(Created.AddSeconds(3), "info", "Found \"Sunset over the bay\" (Generic), format 22."),
            new LogEntry(Created.AddSeconds(4), "info", "[download]  42.0% of 48.29MiB at 3.10MiB/s ETA 00:09"),
        ],
        3));

    public static JsonNode Cancelled { get; } = Node(new CancelResponse(
        RequestId, "cancelled", "The job was cancelled; any running download is being stopped."));

    public static JsonNode Health { get; } = Node(new HealthResponse(
        "healthy",
        Created,
        "1.0.0",
        5231.4,
        [
            new HealthCheck("storage", "healthy", "Tables and blobs answer."),
            new HealthCheck("task_hub", "healthy", "The task hub answers."),
            new HealthCheck("yt-dlp", "healthy", "2026.08.19 (/home/site/wwwroot/tools/yt-dlp)"),
            new HealthCheck("ffmpeg", "healthy", "ffmpeg version 7.1 (/home/site/wwwroot/tools/ffmpeg)"),
            new HealthCheck("temp_disk", "healthy", "9812 MiB free for job files."),
        ]));

    public static JsonNode Stats { get; } = Node(new StatsResponse(
        TotalJobs: 1289,
        JobsByStatus: new Dictionary<string, long>
        {
            ["queued"] = 3,
            ["running"] = 2,
            ["completed"] = 120,
            ["failed"] = 41,
            ["cancelled"] = 12,
            ["expired"] = 1111,
        },
        SuccessRate: 0.9654,
        StorageUsedBytes: 8_316_012_544,
        StorageAvailableBytes: null,
        ActiveFiles: 120,
        QueueSize: 3,
        ActiveDownloads: 2,
        UptimeSeconds: 5231.4,
        StartedAt: Created.AddSeconds(-5231.4),
        TotalBatches: 14,
        BatchesByStatus: new Dictionary<string, long>
        {
            ["running"] = 1,
            ["completed"] = 11,
            ["failed"] = 1,
            ["cancelled"] = 1,
        }));

    public static JsonNode CreateApiKey { get; } = Node(new Dictionary<string, object> { ["name"] = "media team" });

    public static JsonNode CreatedApiKey { get; } = Node(new CreatedApiKeyResponse(
        KeyId,
        "media team",
        $"fdk_{KeyId}_Qm9vdHN0cmFwcGluZyBpcyBmdW4gYW5kIHNhZmU",
        "whsec_c2VjcmV0cyBzdGF5IHNlY3JldCBvdXQgaGVyZQ",
        Created));

    public static JsonNode ApiKey { get; } = Node(ApiKeyExample(revoked: true));

    public static JsonNode ApiKeys { get; } = Node(new ApiKeyListResponse([ApiKeyExample(revoked: false)], 1));

    public static JsonNode CookiesFile { get; } = Node(CookiesExample());

    public static JsonNode CookiesFiles { get; } = Node(new CookiesListResponse([CookiesExample()], 1));

    public static JsonNode CookiesText { get; } = JsonValue.Create(
        "# Netscape HTTP Cookie File\n.example.com\tTRUE\t/\tTRUE\t1798761600\tsession\t3f9a1c7d\n");

    public static JsonNode InvalidRequest { get; } = Problem(
        400, "Invalid request", "'quality' must be one of best, 2160p, 1440p, 1080p, 720p, 480p, 360p, worst.",
        "quality");

    public static JsonNode Unauthorized { get; } = Problem(
        401, "Unauthorized", "Send your API key in the X-API-Key header.", null);

    public static JsonNode NotFound { get; } = Problem(
        404,
        "Not found",
        $"There is no download job '{RequestId}'. Check the request_id returned when the job was created.",
        null);

    public static JsonNode TooManyRequests { get; } = Problem(
        429, "Too many requests", "Too many requests: at most 2 in this window. Try again in 1 s.", null);

    public static JsonNode Unavailable { get; } = Problem(
        503, "Service unavailable", "Storage is not answering right now. Try again shortly.", null);

    public static JsonNode Metrics { get; } = JsonValue.Create(
        "# HELP downloader_jobs Jobs by status, counted in storage.\n# TYPE downloader_jobs gauge\n" +
        "downloader_jobs{status=\"queued\"} 3\ndownloader_jobs{status=\"running\"} 2\n" +
        "# HELP downloader_active_downloads Jobs running now.\n# TYPE downloader_active_downloads gauge\n" +
        "downloader_active_downloads 2\n");

    public static JsonNode OpenMetrics { get; } = JsonValue.Create(
        "# HELP downloader_jobs Jobs by status, counted in storage.\n# TYPE downloader_jobs gauge\n" +
        "downloader_jobs{status=\"queued\"} 3.0\ndownloader_jobs{status=\"running\"} 2.0\n" +
        "# HELP downloader_active_downloads Jobs running now.\n# TYPE downloader_active_downloads gauge\n" +
        "downloader_active_downloads 2.0\n# EOF\n");

    public static JsonNode Events { get; } = JsonValue.Create(
        "retry: 2000\n\n" +
        $"id: 1773480414120\nevent: progress\ndata: {Queued.ToJsonString()}\n\n" +
        $"id: 1773480421733\nevent: progress\ndata: {Running.ToJsonString()}\n\n" +
        $"id: 1773480433025\nevent: completed\ndata: {Completed.ToJsonString()}\n\n");

    private enum JobExample
    {
        Queued,
        Running,
        Completed,
        Failed,
    }

    private static DownloadResponse Job(JobExample state) => new()
    {
        RequestId = RequestId,
        Status = state.ToString().ToLowerInvariant(),
        CreatedAt = Created,
        UpdatedAt = Created.AddSeconds(state == JobExample.Queued ? 0 : 12),
        CompletedAt = state is JobExample.Completed or JobExample.Failed ? Created.AddSeconds(40) : null,
        ProgressPercent = state switch { JobExample.Running => 42.0, JobExample.Completed => 100, _ => 0 },
        Phase = state switch { JobExample.Queued => "queued", JobExample.Running => "downloading", _ => "finished" },
        DownloadedBytes = state switch { JobExample.Running => 21266432, JobExample.Completed => FileBytes, _ => null },
        TotalBytes = state is JobExample.Running or JobExample.Completed ? FileBytes : null,
        SpeedBytesPerSecond = state == JobExample.Running ? 3_250_585 : null,
        EtaSeconds = state switch { JobExample.Running => 9, JobExample.Completed => 0, _ => null },
        LogsUrl = $"/api/v1/download/{RequestId}/logs",
        FileUrl = state == JobExample.Completed ? FileUrl : null,
        FilePath = state == JobExample.Completed ? $"{RequestId}/Sunset over the bay.mp4" : null,
        FileSize = state == JobExample.Completed ? FileBytes : null,
        Title = state == JobExample.Queued ? null : "Sunset over the bay",
        Duration = state == JobExample.Queued ? null : 212.4,
        Format = state switch { JobExample.Queued => null, JobExample.Completed => "mp4", _ => "22" },
        DeletionTime = state == JobExample.Completed ? Created.AddHours(24).AddSeconds(40) : null,
        Error = state == JobExample.Failed ? "The video is not available: it was removed or is private." : null,
        ErrorCode = state == JobExample.Failed ? "unavailable" : null,
    };

    private static ApiKeyInfo ApiKeyExample(bool revoked) =>
        new(KeyId, "media team", revoked ? "revoked" : "active", Created, revoked ? Created.AddDays(30) : null);

    private static CookiesFileResponse CookiesExample() =>
        new("2e7a9d4b1c6f4a8e9b0c1d2e3f4a5b6c", [".example.com"], 1, 87, Created, Created.AddMonths(10));

    private static JsonObject Problem(int status, string title, string detail, string? field)
    {
        var problem = new JsonObject
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (field is not null)
        {
            problem["field"] = field;
        }

        return problem;
    }

    /// <summary><paramref name="value"/> serialized as the API writes it.</summary>
    internal static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, ApiJson.Options)!;
}
