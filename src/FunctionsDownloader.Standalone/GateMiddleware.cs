using FunctionsDownloader.Security;

namespace FunctionsDownloader.Standalone;

/// <summary>Runs Core's <see cref="RequestGate"/> before every route, as the Functions app's worker middleware does.</summary>
public sealed class GateMiddleware(RequestDelegate next, RequestGate gate)
{
    /// <summary>Admits the request or sends the gate's refusal.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        IResult? refusal = await gate.AdmitAsync(context);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
