namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>What the watch page (<c>watch.html</c>) says about its video in Open Graph tags and JSON-LD.</summary>
internal static class WatchPage
{
    public const string Title = "Test pattern with its metadata";
    public const string Description = "Five seconds of a test pattern and a 440 Hz tone, generated with ffmpeg.";
    public const string Uploader = "Local Media Site";
    public const string UploadDate = "2024-05-01T12:00:00Z";
    public const long ViewCount = 1234;
    public const long LikeCount = 56;

    public static IReadOnlyList<string> Tags { get; } = ["test pattern", "tone", "ffmpeg"];

    public static IReadOnlyList<string> Chapters { get; } = ["Pattern", "More pattern"];
}
