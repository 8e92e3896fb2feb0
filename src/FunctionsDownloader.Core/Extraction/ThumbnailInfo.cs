namespace FunctionsDownloader.Extraction;

/// <summary>One thumbnail of a video, as the site offers it.</summary>
public sealed record ThumbnailInfo(string Url, int? Width, int? Height);
