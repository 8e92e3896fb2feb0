namespace FunctionsDownloader.Downloads;

/// <summary>The containers and audio formats a result may have, with their content types.</summary>
public static class MediaFormats
{
    /// <summary>Accepted <c>video_format</c> values.</summary>
    public static readonly IReadOnlyList<string> VideoContainers = ["mp4", "webm", "mkv"];

    /// <summary>Accepted <c>audio_format</c> values.</summary>
    public static readonly IReadOnlyList<string> AudioFormats = ["mp3", "m4a", "opus", "flac", "wav"];

    /// <summary>The content type of a file with extension <paramref name="extension"/> (no dot).</summary>
    public static string ContentType(string extension) => extension.ToUpperInvariant() switch
    {
        "MP4" => "video/mp4",
        "M4V" => "video/mp4",
        "WEBM" => "video/webm",
        "MKV" => "video/x-matroska",
        "MOV" => "video/quicktime",
        "TS" => "video/mp2t",
        "MP3" => "audio/mpeg",
        "M4A" => "audio/mp4",
        "OPUS" => "audio/ogg",
        "OGG" => "audio/ogg",
        "FLAC" => "audio/flac",
        "WAV" => "audio/wav",
        _ => "application/octet-stream",
    };
}
