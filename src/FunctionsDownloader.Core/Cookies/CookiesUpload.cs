using FunctionsDownloader.Errors;
using FunctionsDownloader.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FunctionsDownloader.Cookies;

/// <summary>
/// Reads an uploaded cookies file: the whole body when it is <c>text/plain</c>, or the <c>file</c>
/// part of a <c>multipart/form-data</c> body. Anything larger than the cap is a 413.
/// </summary>
public static class CookiesUpload
{
    /// <summary>The multipart part that holds the file.</summary>
    public const string PartName = CookiesFileValidator.Field;

    // Room for the boundaries and part headers around the file in a multipart body.
    private const int MultipartOverhead = 16 * 1024;

    private const string Expected =
        "Send the cookies file as a text/plain body, or as the 'file' part of a multipart/form-data body.";

    /// <summary>The uploaded file's bytes.</summary>
    /// <exception cref="InvalidRequestException">
    /// Another content type, or a multipart body without exactly one 'file' part.
    /// </exception>
    /// <exception cref="PayloadTooLargeException">The file is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (request.Headers.ContentEncoding.Count > 0)
        {
            throw new InvalidRequestException(
                PartName, "Compressed bodies are not accepted; send the cookies file without Content-Encoding.");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? contentType))
        {
            throw new InvalidRequestException(PartName, Expected);
        }

        if (contentType.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            RequireUtf8(contentType.Charset.Value);
            if (request.ContentLength > maxBytes)
            {
                throw new PayloadTooLargeException(maxBytes);
            }

            return await RequestBody.ReadBytesAsync(request.Body, maxBytes, cancellationToken);
        }

        if (contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            if (request.ContentLength > maxBytes + MultipartOverhead)
            {
                throw new PayloadTooLargeException(maxBytes);
            }

            return await ReadFilePartAsync(request.Body, contentType, maxBytes, cancellationToken);
        }

        throw new InvalidRequestException(PartName, Expected);
    }

    private static async Task<byte[]> ReadFilePartAsync(
        Stream body,
        MediaTypeHeaderValue contentType,
        long maxBytes,
        CancellationToken cancellationToken)
    {
        string boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value ?? "";
        if (boundary.Length is 0 or > 70)
        {
            throw new InvalidRequestException(PartName, "The multipart body has no valid boundary. " + Expected);
        }

        var reader = new MultipartReader(boundary, body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024 };
        byte[]? file = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                string? name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    ? HeaderUtilities.RemoveQuotes(disposition.Name).Value
                    : null;
                if (name != PartName || file is not null)
                {
                    throw new InvalidRequestException(
                        PartName,
                        "The multipart body must hold exactly one part, named 'file', with the cookies file.");
                }

                file = await RequestBody.ReadBytesAsync(section.Body, maxBytes, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new InvalidRequestException(PartName, "The multipart body is malformed. " + Expected, e);
        }

        return file
            ?? throw new InvalidRequestException(PartName, "The multipart body has no 'file' part. " + Expected);
    }

    private static void RequireUtf8(string? charset)
    {
        if (charset is not null &&
            !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) &&
            !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException(PartName, "The cookies file must be UTF-8 text (charset=utf-8).");
        }
    }
}
