namespace FunctionsDownloader.Extraction;

/// <summary>
/// The formats a download will take (one, or video and audio to merge) and their combined id (<c>300+audio</c>).
/// </summary>
public sealed record FormatChoice(IReadOnlyList<FormatInfo> Parts)
{
    /// <summary>The ids joined as yt-dlp writes a merge.</summary>
    public string FormatId => string.Join('+', Parts.Select(p => p.FormatId));
}
