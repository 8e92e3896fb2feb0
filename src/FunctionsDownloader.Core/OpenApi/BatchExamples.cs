using System.Text.Json.Nodes;
using FunctionsDownloader.Batches;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Playlists;

namespace FunctionsDownloader.OpenApi;

/// <summary>
/// Examples of the playlist, channel and batch routes, built from the records those routes read and
/// answer with and serialized like real requests and answers.
/// </summary>
internal static class BatchExamples
{
    private const string BatchId = "9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
    private const string PlaylistUrl = "https://www.example.com/playlist?list=PL12ab";
    private const string FirstUrl = "https://www.example.com/watch?v=a1b2c3";
    private const string SecondUrl = "https://www.example.com/watch?v=d4e5f6";
    private const string FirstJob = "5f0c7d1e9a2b4c3d8e7f6a5b4c3d2e1f";
    private const string SecondJob = "6a1d8e2f0b3c5d4e9f8a7b6c5d4e3f2a";
    private const string Results = "https://stexample.blob.core.windows.net/results/";
    private const string Signature = "?sv=2025-01-05&se=2026-03-15T09%3A27%3A33Z&sr=b&sp=r&sig=…";
    private static readonly DateTimeOffset Created = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static JsonNode Preview { get; } = ApiExamples.Node(new PlaylistPreviewResponse
    {
        PlaylistId = "PL12ab",
        PlaylistTitle = "Bay views",
        PlaylistUploader = "Bay Views",
        TotalVideos = 42,
        Page = 1,
        PageSize = 2,
        TotalPages = 21,
        Videos =
        [
            Video(1, "a1b2c3", "Sunset over the bay", 212.4, "2026-02-28", 18_234),
            Video(2, "d4e5f6", "Fog at dawn", 187.0, "2026-02-21", 9_121),
        ],
        PlaylistUrl = PlaylistUrl,
    });

    public static JsonNode PlaylistRequest { get; } = ApiExamples.Node(new PlaylistDownloadRequestBody
    {
        Url = PlaylistUrl,
        Items = "1-10,15",
        Quality = "720p",
        ConcurrentLimit = 3,
        Archive = ArchiveStatus.Zip,
    });

    public static JsonNode ChannelRequest { get; } = ApiExamples.Node(new ChannelDownloadRequestBody
    {
        Url = "https://www.example.com/@bayviews",
        Limit = 5,
        DateAfter = "2026-01-01",
        AudioOnly = true,
        AudioFormat = "mp3",
    });

    public static JsonNode BatchRequest { get; } = ApiExamples.Node(new BatchDownloadRequestBody
    {
        Urls = [FirstUrl, SecondUrl],
        Quality = "480p",
        ConcurrentLimit = 2,
    });

    /// <summary>A batch just created: its jobs are queued.</summary>
    public static JsonNode Created201 { get; } = ApiExamples.Node(Batch(
        JobStatus.Running,
        [Entry(FirstUrl, FirstJob, JobStatus.Queued), Entry(SecondUrl, SecondJob, JobStatus.Queued)]));

    /// <summary>A batch under way: one job completed, one running.</summary>
    public static JsonNode Running { get; } = ApiExamples.Node(Batch(
        JobStatus.Running,
        [
            Entry(FirstUrl, FirstJob, JobStatus.Completed) with
            {
                Title = "Sunset over the bay",
                FileUrl = Results + FirstJob + "/Sunset%20over%20the%20bay.mp4" + Signature,
            },
            Entry(SecondUrl, SecondJob, JobStatus.Running) with { Title = "Fog at dawn" },
        ]) with
    {
        UpdatedAt = Created.AddSeconds(47),
        Running = 1,
        Queued = 0,
        Completed = 1,
        ProgressPercent = 71.0,
    });

    /// <summary>A batch cancelled before its jobs finished.</summary>
    public static JsonNode Cancelled { get; } = ApiExamples.Node(Batch(
        JobStatus.Cancelled,
        [Entry(FirstUrl, FirstJob, JobStatus.Cancelled), Entry(SecondUrl, SecondJob, JobStatus.Cancelled)]) with
    {
        UpdatedAt = Created.AddSeconds(9),
        CompletedAt = Created.AddSeconds(9),
        Queued = 0,
        Cancelled = 2,
        ProgressPercent = 100,
    });

    private static BatchStatusResponse Batch(string status, IReadOnlyList<BatchJobEntry> jobs) => new()
    {
        BatchId = BatchId,
        Kind = BatchKind.Batch,
        Status = status,
        CreatedAt = Created,
        UpdatedAt = Created,
        TotalUrls = jobs.Count,
        Queued = jobs.Count,
        Jobs = jobs,
    };

    private static BatchJobEntry Entry(string url, string requestId, string status) => new()
    {
        Url = url,
        RequestId = requestId,
        Status = status,
    };

    private static PlaylistVideo Video(
        int index, string id, string title, double duration, string date, long views) => new()
    {
        Id = id,
        Title = title,
        Url = "https://www.example.com/watch?v=" + id,
        Duration = duration,
        Uploader = "Bay Views",
        UploadDate = date,
        ViewCount = views,
        PlaylistIndex = index,
    };
}
