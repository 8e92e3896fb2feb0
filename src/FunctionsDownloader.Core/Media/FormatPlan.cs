using System.Globalization;
using FunctionsDownloader.Downloads;

namespace FunctionsDownloader.Media;

/// <summary>
/// The yt-dlp format selection and post-processing flags for validated options. The service
/// builds every selector itself; nothing a caller sends reaches yt-dlp's command line as text.
/// </summary>
public sealed record FormatPlan(IReadOnlyList<string> SelectionArguments, IReadOnlyList<string> PostprocessingArguments)
{
    /// <summary>The plan for <paramref name="options"/>.</summary>
    public static FormatPlan For(DownloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (options.AudioOnly)
        {
            return new FormatPlan(
                ["-f", "ba/b", "-S", AudioSort(options.AudioFormat)],
                ["--extract-audio", "--audio-format", options.AudioFormat, "--audio-quality", "0"]);
        }

        string selector = options.Quality == QualityPreset.Worst ? "wv*+wa/w" : "bv*+ba/b";
        var sort = new List<string>();
        if (QualityPreset.MaxHeight(options.Quality) is int height)
        {
            // "res:720" prefers the largest resolution not above 720 and falls back to the
            // smallest one above it when the site has nothing that small.
            sort.Add("res:" + height.ToString(CultureInfo.InvariantCulture));
        }

        sort.Add(options.VideoFormat switch
        {
            "mp4" => "ext:mp4:m4a",
            "webm" => "ext:webm:webm",
            _ => "ext",
        });

        // mp4 and mkv take the streams as they are (a remux); webm only holds VP8/VP9/AV1 with
        // Vorbis/Opus, so other codecs are merged into mkv first and re-encoded into webm.
        string[] postprocessing = options.VideoFormat == "webm"
            ? ["--merge-output-format", "webm/mkv", "--recode-video", "webm"]
            : ["--merge-output-format", options.VideoFormat, "--remux-video", options.VideoFormat];
        return new FormatPlan(["-f", selector, "-S", string.Join(',', sort)], postprocessing);
    }

    private static string AudioSort(string audioFormat) => audioFormat switch
    {
        "m4a" => "ext:m4a",
        "opus" => "acodec:opus",
        _ => "abr",
    };
}
