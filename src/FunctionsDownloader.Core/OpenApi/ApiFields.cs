using System.Globalization;
using System.Text.Json.Nodes;
using FunctionsDownloader.Batches;
using FunctionsDownloader.Downloads;

namespace FunctionsDownloader.OpenApi;

/// <summary>
/// What request fields mean and which values they take: the request records keep every field a
/// nullable string, number or flag (so that the validator, not the JSON reader, names a bad one), and
/// the rules live in the validators. Each note is merged into the generated schema of every request
/// that has the field, so the download options read the same on single, playlist, channel and batch
/// requests.
/// </summary>
internal static class ApiFields
{
    private static readonly Dictionary<string, Func<JsonObject>> Notes = new(StringComparer.Ordinal)
    {
        ["url"] = () => Note(
            "The media URL: http or https, port 80 or 443, a public host, at most 2048 characters."),
        ["quality"] = () => OneOf(
            QualityPreset.All,
            "The highest video height to take (`best` by default). Audio downloads take `best` or `worst` only; " +
                "not with `format_id`."),
        ["video_format"] = () => OneOf(
            MediaFormats.VideoContainers, "The container of a video download (default mp4)."),
        ["audio_only"] = () => Note("Download the audio alone, converted to `audio_format`."),
        ["audio_format"] = () => OneOf(
            MediaFormats.AudioFormats, "The audio format of an audio-only download (default m4a)."),
        ["format_id"] = () => Note(
            "A format id from GET /api/v1/formats, or a video id and an audio id joined by `+` " +
                $"(at most {Number(FormatIds.MaxLength)} characters)."),
        ["subtitles"] = () => Note(
            $"1 to {Number(SubtitleLanguages.MaxCount)} language codes " +
                "(`en`, `pt-BR`), stored beside the file or embedded; not with a clip."),
        ["embed_subtitles"] = () => Note("Put the subtitles into the video file (mp4, webm, mkv)."),
        ["embed_thumbnail"] = () => Note("Put the site's thumbnail into the file as cover art."),
        ["embed_metadata"] = () => Note("Write the title, uploader, date and description into the file's tags."),
        ["start_time"] = () => ClipTime("Where the clip starts"),
        ["end_time"] = () => ClipTime("Where the clip ends"),
        ["cookies_id"] = () => Note(
            "One of your cookies files (POST /api/v1/auth/cookies), for sites that need a login."),
        ["callback_url"] = () => Note(
            "A webhook called once the job has finished, under the same rules as `url`; signed with HMAC-SHA256."),
        ["urls"] = () => Note(
            $"1 to {Number(BatchRequestRules.MaxUrls)} media URLs, each under the rules of `url`; the options " +
                "apply to every one."),
        ["concurrent_limit"] = () => Note(
            $"How many of the batch's items download at once, 1 to {Number(BatchRequestRules.MaxConcurrentLimit)} " +
                "(default 3 unless configured)."),
        ["archive"] = () => OneOf(
            [ArchiveStatus.Zip], "`zip` to also pack every completed file into one archive; leave it out for none."),
        ["items"] = () => Note(
            "1-based playlist positions and ranges, such as \"1-10,15,20-25\"; not with `start` and `end`."),
        ["start"] = () => Note("The first 1-based playlist position to take."),
        ["end"] = () => Note("The last 1-based playlist position to take."),
        ["limit"] = () => Note("How many of the channel's latest videos to take (default 10 unless configured)."),
        ["date_after"] = () => Note("Only videos uploaded on or after this date: YYYY-MM-DD or YYYYMMDD."),
        ["date_before"] = () => Note("Only videos uploaded on or before this date: YYYY-MM-DD or YYYYMMDD."),
        ["name"] = () => Note(
            "What the key is for, shown in the key list: at most 100 characters, no control characters."),
    };

    /// <summary>Adds the notes to the properties of <paramref name="schema"/>, a request's schema.</summary>
    public static void Annotate(JsonNode schema)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach ((string name, JsonNode? property) in properties.ToList())
        {
            if (!Notes.TryGetValue(name, out Func<JsonObject>? note))
            {
                continue;
            }

            // A field of any JSON type (a JsonElement) has the schema `true`: the note replaces it.
            if (property is not JsonObject target)
            {
                properties[name] = note();
                continue;
            }

            foreach ((string key, JsonNode? value) in note())
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static JsonObject Note(string description) => new() { ["description"] = description };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One of <paramref name="values"/>, or null (the default). Case does not matter.</summary>
    private static JsonObject OneOf(IEnumerable<string> values, string description) => new()
    {
        ["description"] = description + " Case does not matter.",
        ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v)), null]),
    };

    private static JsonObject ClipTime(string what) => new()
    {
        ["description"] = what + ": seconds (a number such as 90 or 2.5) or a time such as \"1:30\" or " +
            "\"00:01:30.500\". Give `start_time`, `end_time` or both to download a clip.",
        ["type"] = new JsonArray("number", "string", "null"),
        ["examples"] = new JsonArray(90, "1:30"),
    };
}
