using System.Security.Claims;
using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Web.Api;

/// <summary>
/// Keeps API responses JSON: no HTML status-code pages or error pages for API paths, a JSON body for
/// errors the framework answers with an empty one or throws (404, 405, binding failures: see <see cref="JsonBodies"/>), a 401 for a write by an account
/// deleted meanwhile, and a JSON 500 for bugs.
/// </summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiPaths.IsApi(context.Request.Path))
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                // Minimal APIs throw on input they cannot bind (JsonBodies); outside the APIs, answer the bare status they would otherwise.
                context.Response.StatusCode = e.StatusCode;
            }
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
            var (status, message) = JsonBodies.Failure(context, e.StatusCode, e) ?? (e.StatusCode, ApiErrors.Reason(e.StatusCode));
            await ApiErrors.WriteAsync(context, status, message);
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // Deleted on another instance, whose token this instance still trusts for up to ChatAi:RevalidationSeconds:
            // the write failed on the missing user. That is a 401, not a bug.
            if (e is DbUpdateException && await AccountGoneAsync(context))
            {
                context.Response.Clear();
                await ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "This account no longer exists; sign in again.");
                return;
            }
            logger.LogError(e, "Unhandled error in {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await ApiErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "Something went wrong on the server. Try again.");
            return;
        }
        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            var (status, message) = JsonBodies.Failure(context, response.StatusCode, null) ?? (response.StatusCode, ApiErrors.Reason(response.StatusCode));
            await ApiErrors.WriteAsync(context, status, message);
        }
    }

    private static async Task<bool> AccountGoneAsync(HttpContext context)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return false;
        await using var db = await context.RequestServices.GetRequiredService<IDbContextFactory<ChatAiDbContext>>().CreateDbContextAsync();
        return !await db.Users.AnyAsync(u => u.Id == userId);
    }
}
