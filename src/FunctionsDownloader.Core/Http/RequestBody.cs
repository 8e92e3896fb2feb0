using System.Text.Json;
using FunctionsDownloader.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FunctionsDownloader.Http;

/// <summary>
/// Reads a JSON request body strictly and within a size cap, turning every problem into an
/// <see cref="InvalidRequestException"/> that names the field, or a <see cref="PayloadTooLargeException"/>.
/// </summary>
public static class RequestBody
{
    /// <summary>Reads and deserializes the body of <paramref name="request"/>.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);

        if (request.ContentLength > maxBytes)
        {
            throw new PayloadTooLargeException(maxBytes);
        }

        RequireJsonContent(request);

        byte[] body = await ReadBytesAsync(request.Body, maxBytes, cancellationToken);
        ReadOnlySpan<byte> json = body.AsSpan();
        if (json.StartsWith(Utf8Bom))
        {
            json = json[Utf8Bom.Length..];
        }

        json = json.Trim(" \t\r\n"u8);
        if (json.IsEmpty)
        {
            throw new InvalidRequestException(null, "The request body is empty; send a JSON object.");
        }

        if (json[0] != (byte)'{')
        {
            throw new InvalidRequestException(null, "The request body must be a JSON object ({ ... }).");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, ApiJson.Options)
                ?? throw new InvalidRequestException(null, "The request body must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            throw new InvalidRequestException(FieldOf(e), Describe(e), e);
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Accepts <c>application/json</c> or a <c>+json</c> type (or no type at all); no content encodings.</summary>
    private static void RequireJsonContent(HttpRequest request)
    {
        if (request.Headers.ContentEncoding.Count > 0)
        {
            throw new InvalidRequestException(
                null, "Compressed request bodies are not accepted; send the JSON without Content-Encoding.");
        }

        string? contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType))
        {
            return;
        }

        bool json = MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? parsed) &&
            (parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
             parsed.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)) &&
            (parsed.Charset.Length == 0 || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
        if (!json)
        {
            throw new InvalidRequestException(
                null, $"The body must be UTF-8 JSON (Content-Type: application/json), not '{Shorten(contentType)}'.");
        }
    }

    /// <summary>Reads <paramref name="body"/> to its end, refusing more than <paramref name="maxBytes"/>.</summary>
    /// <exception cref="PayloadTooLargeException">The body is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadBytesAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        while (true)
        {
            int read = await body.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > maxBytes)
            {
                throw new PayloadTooLargeException(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }
    }

    /// <summary>The snake_case field a JSON error is about, from its path (<c>$.urls[3]</c> → <c>urls</c>).</summary>
    internal static string? FieldOf(JsonException e)
    {
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return UnmappedField(e.Message) is string unmapped ? Shorten(unmapped) : null;
        }

        string? path = e.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        string field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        if (field.StartsWith("['", StringComparison.Ordinal))
        {
            int end = field.IndexOf("']", StringComparison.Ordinal);
            field = end > 2 ? field[2..end] : field;
        }

        int cut = field.IndexOfAny(['.', '[']);
        return cut > 0 ? field[..cut] : field;
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private static string? UnmappedField(string message)
    {
        // System.Text.Json names the unknown property in quotes: "The JSON property 'foo' could not be mapped".
        int start = message.IndexOf('\'', StringComparison.Ordinal);
        int end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
        return start >= 0 && end > start + 1 ? message[(start + 1)..end] : null;
    }

    private static string Describe(JsonException e)
    {
        string? field = FieldOf(e);
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"Unknown field '{field}'. Remove it; the contract lists the accepted fields.";
        }

        if (e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return $"The field '{field}' appears more than once.";
        }

        if (field is null)
        {
            return "The request body is not valid JSON. Send a JSON object.";
        }

        return e.InnerException is null && e.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"The field '{field}' has the wrong type."
            : $"The field '{field}' is not valid JSON of the expected type.";
    }
}
