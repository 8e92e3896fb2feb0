using FunctionsDownloader.Downloads;

namespace FunctionsDownloader.Media;

/// <summary>
/// A download that can go from yt-dlp's standard output straight into the result blob: one format
/// fetched over plain HTTP(S) as one file, already in the requested container, with nothing for
/// ffmpeg to do afterwards (no merge, remux, recode, clip, embedding or audio extraction).
/// </summary>
/// <param name="FormatId">The format the resolve step chose; the streaming run asks for exactly it.</param>
/// <param name="Extension">The file's extension (without the dot), which is the requested container.</param>
public sealed record DirectStreamPlan(string FormatId, string Extension)
{
    /// <summary>
    /// The plan for <paramref name="options"/> and the <paramref name="parts"/> yt-dlp resolved, or
    /// <c>null</c> with the <paramref name="reason"/> the download needs the job directory.
    /// </summary>
    public static DirectStreamPlan? For(DownloadOptions options, IReadOnlyList<MediaPart> parts, out string reason)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parts);

        reason = Obstacle(options, parts) ?? "";
        if (reason.Length > 0)
        {
            return null;
        }

        MediaPart part = parts[0];
        return new DirectStreamPlan(part.FormatId, part.Extension!.ToLowerInvariant());
    }

    private static string? Obstacle(DownloadOptions options, IReadOnlyList<MediaPart> parts)
    {
        if (options.AudioOnly)
        {
            return "the audio is extracted with ffmpeg";
        }

        if (options.IsClip)
        {
            return "a clip is cut with ffmpeg";
        }

        if (options.Subtitles.Count > 0 || options.EmbedThumbnail || options.EmbedMetadata)
        {
            return "subtitles, a thumbnail or metadata are embedded with ffmpeg";
        }

        if (parts.Count != 1)
        {
            return parts.Count == 0
                ? "yt-dlp did not say which format it takes"
                : "video and audio are merged with ffmpeg";
        }

        MediaPart part = parts[0];
        if (part.Protocol is not ("http" or "https"))
        {
            return $"the format comes as {part.Protocol ?? "an unknown protocol"}, not as one file";
        }

        if (!string.Equals(part.Extension, options.VideoFormat, StringComparison.OrdinalIgnoreCase))
        {
            return $"the {part.Extension ?? "unknown"} file is converted into {options.VideoFormat}";
        }

        // The streaming run selects the format by its id; an id with characters that mean something
        // to yt-dlp's selector cannot be written there as a literal.
        if (part.FormatId.Length == 0 ||
            !part.FormatId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return "the format id cannot be selected exactly";
        }

        return null;
    }
}
