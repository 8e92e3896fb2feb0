using FunctionsDownloader.Errors;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// The syntax of <c>format_id</c>: an id from <c>/api/v1/formats</c>, or a video id and an audio id
/// joined by <c>+</c>; letters, digits, <c>.</c>, <c>_</c> and <c>-</c> only, so that nothing in it
/// can mean anything else to yt-dlp's format selector.
/// </summary>
public static class FormatIds
{
    /// <summary>The longest accepted value.</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// The value, <c>null</c> when absent, or an <see cref="InvalidRequestException"/> naming <c>format_id</c>.
    /// </summary>
    public static string? Parse(string? value, bool audioOnly)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length is 0 or > MaxLength)
        {
            throw Invalid($"'format_id' must be 1 to {MaxLength} characters long.");
        }

        if (!value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+'))
        {
            throw Invalid(
                "'format_id' may hold only letters, digits, '.', '_', '-' and '+'; copy an id from /api/v1/formats.");
        }

        string[] parts = value.Split('+');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0))
        {
            throw Invalid("'format_id' is one format id, or a video id and an audio id joined by '+' (\"300+audio\").");
        }

        if (audioOnly && parts.Length > 1)
        {
            throw Invalid("An audio download takes one audio 'format_id', not a merge of two.");
        }

        return value;
    }

    private static InvalidRequestException Invalid(string message) => new("format_id", message);
}
