using System.Text;

namespace FunctionsDownloader.MediaSite;

/// <summary>One request the site's webhook receiver got, as it arrived, and what it answered.</summary>
/// <param name="Name">The receiver's name (the last path segment).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The request path with its query string.</param>
/// <param name="Headers">Every request header (names compared case-insensitively).</param>
/// <param name="Body">The request body's bytes.</param>
/// <param name="AnsweredStatus">The status code the receiver answered with.</param>
/// <param name="ReceivedAt">When the request arrived.</param>
public sealed record ReceivedWebhook(
    string Name,
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    int AnsweredStatus,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The value of header <paramref name="name"/>, or <c>null</c>.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
