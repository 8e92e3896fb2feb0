using System.Text.RegularExpressions;
using FunctionsDownloader.Jobs;

namespace FunctionsDownloader.Media;

/// <summary>
/// The service's own sentence for what a yt-dlp post-processing line means for the caller's file:
/// whether the container was remuxed (streams copied) or the video re-encoded, and what was
/// embedded or missing. The job's log keeps yt-dlp's line too; this one says it plainly.
/// </summary>
internal static partial class PostprocessingNotes
{
    /// <summary>The note for <paramref name="line"/>, or <c>null</c> when it says nothing worth explaining.</summary>
    public static (string Level, string Note)? Explain(string line)
    {
        ArgumentNullException.ThrowIfNull(line);

        if (Converting().Match(line) is { Success: true } converting)
        {
            string from = converting.Groups["from"].Value;
            string to = converting.Groups["to"].Value;
            return converting.Groups["action"].Value == "Remuxing"
                ? Info($"Remuxing from {from} into {to}: the streams are copied, not re-encoded.")
                : Info($"Re-encoding from {from} into {to}: the site's codecs do not fit {to}.");
        }

        if (NotConverting().Match(line) is { Success: true } skipped)
        {
            return Info(skipped.Groups["pp"].Value == "VideoRemuxer"
                ? $"The download already is {skipped.Groups["format"].Value}: no remux needed."
                : $"The download already is {skipped.Groups["format"].Value} with fitting codecs: " +
                    "no re-encoding needed.");
        }

        return line switch
        {
            _ when line.StartsWith("[Merger] Merging formats into", StringComparison.Ordinal) =>
                Info("Merging the video and audio streams into one file (copied, not re-encoded)."),
            _ when line.StartsWith("[ExtractAudio] Destination:", StringComparison.Ordinal) =>
                Info("Converting the audio to the requested format."),
            _ when line.StartsWith("[ExtractAudio] Not converting audio", StringComparison.Ordinal) =>
                Info("The audio already is in the requested format: kept as it is."),
            _ when line.StartsWith("[EmbedSubtitle] Embedding subtitles", StringComparison.Ordinal) =>
                Info("Embedding the subtitles."),
            _ when line.Contains("no subtitles for the requested languages", StringComparison.OrdinalIgnoreCase) =>
                Warning("The site has none of the requested subtitle languages; the file will have no subtitles."),
            _ when line.StartsWith("[EmbedThumbnail]", StringComparison.Ordinal) &&
                line.Contains("Adding thumbnail", StringComparison.Ordinal) =>
                Info("Embedding the thumbnail as cover art."),
            _ when line.Contains("There are no thumbnails", StringComparison.OrdinalIgnoreCase) ||
                line.Contains("There aren't any thumbnails to embed", StringComparison.OrdinalIgnoreCase) =>
                Warning("The site offers no thumbnail; the file will have no cover art."),
            _ when line.StartsWith("[Metadata] Adding metadata", StringComparison.Ordinal) =>
                Info("Writing the title, uploader, date, description and chapters into the file's tags."),
            _ when ClipRange().IsMatch(line) =>
                Info("Cutting the clip, re-encoding at the cuts so that it starts and ends exactly there."),
            _ => null,
        };
    }

    private static (string, string) Info(string note) => (JobLogLevel.Info, note);

    private static (string, string) Warning(string note) => (JobLogLevel.Warning, note);

    [GeneratedRegex(
        @"^\[Video(?:Remuxer|Convertor)\] (?<action>Remuxing|Converting) video from (?<from>\w+) to (?<to>\w+)")]
    private static partial Regex Converting();

    [GeneratedRegex(
        @"^\[(?<pp>VideoRemuxer|VideoConvertor)\] Not (?:remuxing|converting) media file " +
        @".*already is in target format (?<format>\w+)")]
    private static partial Regex NotConverting();

    [GeneratedRegex(@"^\[info\] .*Downloading [0-9]+ time ranges?:")]
    private static partial Regex ClipRange();
}
