using System.Globalization;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// The webhook receiver: <c>/hooks/{name}</c> records every request (any method) and answers 200.
/// Query parameters choose a misbehaviour: <c>fail=N</c> answers 500 to the first N requests,
/// <c>status=NNN</c> always answers that status, <c>redirect=other</c> answers 302 with a Location
/// of <c>/hooks/other</c> (so a client that follows it shows up there).
/// </summary>
internal static class WebhookEndpoints
{
    private const int _maxBodyBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/" + SitePaths.WebhookPrefix + "{name}", ReceiveAsync);
    }

    private static async Task ReceiveAsync(HttpContext context, string name, WebhookRecorder recorder)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var query = context.Request.Query;

        var received = recorder.Add(name, earlier => new ReceivedWebhook(
            name,
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            headers,
            body,
            Answer(query, earlier),
            DateTimeOffset.UtcNow));

        context.Response.StatusCode = received.AnsweredStatus;
        if (received.AnsweredStatus == StatusCodes.Status302Found)
        {
            var target = Uri.EscapeDataString(query["redirect"].ToString());
            context.Response.Headers.Location = "/" + SitePaths.WebhookPrefix + target;
        }
    }

    private static int Answer(IQueryCollection query, int earlier)
    {
        if (int.TryParse(query["fail"], NumberStyles.None, CultureInfo.InvariantCulture, out var failures))
        {
            return earlier < failures ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        }

        if (int.TryParse(query["status"], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            return status;
        }

        return query.ContainsKey("redirect") ? StatusCodes.Status302Found : StatusCodes.Status200OK;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _maxBodyBytes)
            {
                throw new InvalidOperationException(
                    $"A webhook body over {_maxBodyBytes} bytes is not what the receiver expects.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
