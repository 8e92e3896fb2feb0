using System.Text.RegularExpressions;

namespace FunctionsDownloader.Media;

/// <summary>
/// The banner, stream listing, encoder statistics and status lines ffmpeg prints at its default log
/// level when yt-dlp 2023.03.04 downloads a clip through it (it passes ffmpeg's standard error on and
/// offers no quieter level short of silencing yt-dlp too). They say nothing a caller needs, so the
/// job's log leaves them out; yt-dlp's own lines and ffmpeg's errors stay.
/// </summary>
internal static partial class FfmpegChatter
{
    /// <summary>Whether <paramref name="line"/> (as printed, indentation included) is such a line.</summary>
    public static bool IsChatter(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Chatter().IsMatch(line);
    }

    // Component statistics ("[libx264 @ 0x55…] frame I:1"), progress ("frame=", "size="), the
    // input/output listing with its indented details ("  Stream #0:0", "    encoder : Lavf"),
    // and the closing summary ("video:2kB audio:17kB").
    [GeneratedRegex(
        @"^(?:\[[^\]]+ @ 0x[0-9a-f]+\] (?!.*(?:[Ee]rror|[Ii]nvalid|[Ff]ailed))|frame=|size=|Press \[q\]|" +
        @"(?:Input|Output) #[0-9]|Stream mapping:|video:[0-9]+kB|\s+\S)")]
    private static partial Regex Chatter();
}
