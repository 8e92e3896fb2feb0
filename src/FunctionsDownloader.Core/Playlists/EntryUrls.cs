using System.Text.Json;
using FunctionsDownloader.Security;

namespace FunctionsDownloader.Playlists;

/// <summary>
/// URLs of playlist and channel entries. yt-dlp hands entries of a feed back with a
/// <c>#__youtubedl_smuggle=</c> fragment (the item's guid, which becomes the video's id) and expects them
/// back as they are. Callers' URLs lose their fragment, but these come from yt-dlp itself: they keep that one
/// fragment, and nothing else that follows a <c>#</c>. The rest of the URL passes the same guard as a
/// caller's URL, because a listing may point anywhere.
/// </summary>
public static class EntryUrls
{
    private const string SmugglePrefix = "#__youtubedl_smuggle=";

    /// <summary>The entry URL as yt-dlp gets it, or the guard's <see cref="Errors.InvalidRequestException"/>.</summary>
    public static async Task<Uri> CheckAsync(UrlGuard guard, string entryUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(entryUrl);

        int hash = entryUrl.IndexOf('#', StringComparison.Ordinal);
        string fragment = hash >= 0 ? entryUrl[hash..] : "";
        Uri checkedUrl = await guard.CheckAsync(hash >= 0 ? entryUrl[..hash] : entryUrl, "url", cancellationToken);
        bool keep = fragment.StartsWith(SmugglePrefix, StringComparison.Ordinal) &&
            !fragment.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));
        return keep ? new Uri(checkedUrl.AbsoluteUri + fragment) : checkedUrl;
    }

    /// <summary>The URL to show callers: without any fragment.</summary>
    public static string? Display(string? entryUrl)
    {
        int hash = entryUrl?.IndexOf('#', StringComparison.Ordinal) ?? -1;
        return hash >= 0 ? entryUrl![..hash] : entryUrl;
    }

    /// <summary>The video id yt-dlp smuggled into an entry URL (a feed item's guid), if any.</summary>
    public static string? SmuggledId(string? entryUrl)
    {
        int start = entryUrl?.IndexOf(SmugglePrefix, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }

        // Python's urlencode writes spaces as '+'.
        string json = Uri.UnescapeDataString(entryUrl![(start + SmugglePrefix.Length)..].Replace('+', ' '));
        try
        {
            using JsonDocument data = JsonDocument.Parse(json);
            return data.RootElement.ValueKind == JsonValueKind.Object &&
                data.RootElement.TryGetProperty("force_videoid", out JsonElement id) &&
                id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
