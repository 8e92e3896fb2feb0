namespace FunctionsDownloader.Extraction;

/// <summary>An entry of the extraction cache: what yt-dlp said, and when.</summary>
public sealed record CachedExtraction(DateTimeOffset ExtractedAt, ExtractedMedia Media);
