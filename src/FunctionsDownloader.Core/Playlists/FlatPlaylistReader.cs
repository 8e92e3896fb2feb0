using System.Globalization;
using System.Text.Json;

namespace FunctionsDownloader.Playlists;

/// <summary>
/// Reads the JSON of <c>yt-dlp -J --flat-playlist</c>. Entries come in two shapes: references (<c>_type</c>
/// <c>url</c> or <c>url_transparent</c>, as feeds and most sites give them) and, for pages with several
/// embedded videos, entries yt-dlp already resolved. yt-dlp 2023 gives references of an RSS feed neither an
/// id nor a <c>playlist_index</c> nor an <c>upload_date</c>: the index is the position, the id comes from the
/// smuggled item guid and the date from the <c>timestamp</c>.
/// </summary>
public static class FlatPlaylistReader
{
    /// <summary>The listing, or <c>null</c> when the JSON describes a single video rather than a playlist.</summary>
    public static FlatPlaylist? Read(JsonElement root)
    {
        if (Str(root, "_type") is not ("playlist" or "multi_video"))
        {
            return null;
        }

        string? webpageUrl = Str(root, "webpage_url") ?? Str(root, "original_url");
        var entries = new List<FlatEntry>();
        if (root.TryGetProperty("entries", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement entry in list.EnumerateArray())
            {
                entries.Add(ReadEntry(entry, entries.Count + 1, webpageUrl));
            }
        }

        return new FlatPlaylist(
            Str(root, "id"),
            Str(root, "title"),
            Str(root, "uploader") ?? Str(root, "channel"),
            webpageUrl,
            Thumbnail(root),
            Str(root, "description"),
            entries);
    }

    // TODO: a channel's home page on some sites lists its tabs (videos, shorts, live) as entries, each a
    // playlist of its own; a channel download of such a URL fails every entry. Callers give the videos tab's URL.
    private static FlatEntry ReadEntry(JsonElement entry, int position, string? playlistUrl)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return new FlatEntry(position, null, null, null, null, null, null, null, null);
        }

        string? url = EntryUrl(entry, playlistUrl);
        return new FlatEntry(
            position,
            Str(entry, "id") ?? EntryUrls.SmuggledId(url),
            Str(entry, "title"),
            url,
            Num(entry, "duration"),
            Thumbnail(entry),
            Str(entry, "uploader") ?? Str(entry, "channel"),
            UploadDate(entry),
            Num(entry, "view_count") is double views ? (long)views : null);
    }

    /// <summary>
    /// What to hand back to yt-dlp for an entry: a reference's <c>url</c>; for an entry yt-dlp resolved, its own
    /// page when it has one, else the media it found (the page of an embedded video is the playlist itself).
    /// </summary>
    private static string? EntryUrl(JsonElement entry, string? playlistUrl)
    {
        if (Str(entry, "_type") is "url" or "url_transparent")
        {
            return Str(entry, "url");
        }

        string? page = Str(entry, "webpage_url");
        return page is not null && page != playlistUrl ? page : Str(entry, "url") ?? Str(entry, "original_url");
    }

    private static string? UploadDate(JsonElement entry)
    {
        if (Str(entry, "upload_date") is { Length: 8 } date && date.All(char.IsAsciiDigit))
        {
            return date;
        }

        return Num(entry, "timestamp") is double seconds && seconds is > 0 and < 253402300800
            ? DateTimeOffset.FromUnixTimeSeconds((long)seconds).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : null;
    }

    private static string? Thumbnail(JsonElement e)
    {
        if (Str(e, "thumbnail") is { } thumbnail)
        {
            return thumbnail;
        }

        return e.TryGetProperty("thumbnails", out JsonElement list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(t => Str(t, "url")).LastOrDefault(u => u is not null)
            : null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) &&
        v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    private static double? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
