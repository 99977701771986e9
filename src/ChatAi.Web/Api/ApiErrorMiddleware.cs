namespace ChatAi.Web.Api;

/// <summary>
/// Keeps API responses JSON: no HTML status-code pages or error pages for API paths, a JSON body for
/// errors the framework answers with an empty one (404, 405, binding failures), and a JSON 500 for bugs.
/// </summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiPaths.IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ApiErrors.WriteAsync(context, e.StatusCode, ApiErrors.Reason(e.StatusCode));
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(e, "Unhandled error in {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await ApiErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "Something went wrong on the server. Try again.");
            return;
        }
        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            await ApiErrors.WriteAsync(context, response.StatusCode, ApiErrors.Reason(response.StatusCode));
    }
}
