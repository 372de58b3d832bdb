/* A loopback HTTP/1.1 server for the benchmarks, fast enough not to be
 * what is measured: one thread, epoll, keep-alive, each answer held back by
 * a delay (a timer heap), one file's bytes as every body.
 *
 *   loopserv FILE [--max-requests N] [--max-seconds S]
 *
 * Binds 127.0.0.1 on a free port, prints "PORT <n>" and serves GET
 * /anything?delay=SECONDS[&jitter=SECONDS]&... (the delay, plus a random
 * part up to jitter). GET /stats answers {"requests": N, "max_inflight": M}.
 * It stops by itself: after N requests, after S seconds (default 600), or
 * when its standard input closes (whoever started it went away).
 *
 * Built on demand: make bench/loopserv. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONN 65536
#define REQ_MAX  8192

struct conn {
    int fd;
    char req[REQ_MAX];
    size_t len;
    const char *out; /* what is being sent */
    size_t out_len, sent;
    int waiting;       /* a timer holds its answer */
    int stats;         /* the answer is /stats */
    unsigned long gen; /* of the request its timer is for */
    char head[256];
    size_t head_len;
};

struct timer {
    int64_t at;
    int fd;
    unsigned long gen; /* a closed connection's descriptor may be reused */
};

static struct conn *conns[MAX_CONN];
static struct timer *timers;
static size_t ntimers, captimers;
static char *body;
static size_t body_len;
static long requests, inflight, max_inflight, accepted;
static unsigned long gens;
static char stats_body[128];

static int64_t now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void timer_push(int64_t at, int fd, unsigned long gen)
{
    size_t i;

    if (ntimers == captimers) {
        captimers = captimers ? 2 * captimers : 1024;
        timers = realloc(timers, captimers * sizeof *timers);
        if (!timers)
            abort();
    }
    i = ntimers++;
    while (i > 0 && timers[(i - 1) / 2].at > at) {
        timers[i] = timers[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    timers[i] = (struct timer){at, fd, gen};
}

static struct timer timer_pop(void)
{
    struct timer top = timers[0], last = timers[--ntimers];
    size_t i = 0;

    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= ntimers)
            break;
        if (c + 1 < ntimers && timers[c + 1].at < timers[c].at)
            c++;
        if (timers[c].at >= last.at)
            break;
        timers[i] = timers[c];
        i = c;
    }
    if (ntimers)
        timers[i] = last;
    return top;
}

static void drop(int ep, struct conn *c)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    if (c->waiting)
        inflight--;
    conns[c->fd] = NULL;
    free(c);
}

static double query_num(const char *req, const char *name)
{
    char key[32];
    const char *line_end = strstr(req, "\r\n"), *p;

    snprintf(key, sizeof key, "%s=", name);
    p = strstr(req, key);
    if (!p || (line_end && p > line_end))
        return 0;
    return atof(p + strlen(key));
}

/* Writes what it can; 1 when the answer is out. */
static int flush_out(struct conn *c)
{
    while (c->sent < c->head_len + c->out_len) {
        ssize_t n;
        if (c->sent < c->head_len)
            n = write(c->fd, c->head + c->sent, c->head_len - c->sent);
        else
            n = write(c->fd, c->out + (c->sent - c->head_len),
                      c->out_len - (c->sent - c->head_len));
        if (n < 0)
            return errno == EAGAIN ? 0 : -1;
        c->sent += (size_t)n;
    }
    return 1;
}

static void answer(int ep, struct conn *c)
{
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = c->fd};

    c->waiting = 0;
    inflight--;
    if (c->stats) {
        snprintf(stats_body, sizeof stats_body,
                 "{\"requests\": %ld, \"max_inflight\": %ld, \"connections\": %ld}\n", requests,
                 max_inflight, accepted);
        c->out = stats_body;
        c->out_len = strlen(stats_body);
    } else {
        c->out = body;
        c->out_len = body_len;
    }
    c->head_len = (size_t)snprintf(c->head, sizeof c->head,
                                   "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                   "Content-Length: %zu\r\n\r\n",
                                   c->out_len);
    c->sent = 0;
    int r = flush_out(c);
    if (r < 0) {
        drop(ep, c);
        return;
    }
    if (r == 0)
        ev.events = EPOLLOUT;
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
}

/* A whole request head in c->req: hold its answer for its delay. */
static void take_request(struct conn *c)
{
    char *end = strstr(c->req, "\r\n\r\n");
    size_t used = (size_t)(end - c->req) + 4;
    double delay = query_num(c->req, "delay"), jitter = query_num(c->req, "jitter");

    c->stats = strncmp(c->req, "GET /stats", 10) == 0;
    if (jitter > 0)
        delay += jitter * ((double)rand() / RAND_MAX);
    requests++;
    if (++inflight > max_inflight)
        max_inflight = inflight;
    c->waiting = 1;
    c->gen = ++gens;
    timer_push(now_us() + (int64_t)(delay * 1e6), c->fd, c->gen);
    memmove(c->req, c->req + used, c->len - used);
    c->len -= used;
    c->req[c->len] = '\0';
}

static void on_readable(int ep, struct conn *c)
{
    for (;;) {
        ssize_t n = read(c->fd, c->req + c->len, REQ_MAX - 1 - c->len);
        if (n == 0 || (n < 0 && errno != EAGAIN) || (n > 0 && c->len + (size_t)n >= REQ_MAX - 1)) {
            drop(ep, c);
            return;
        }
        if (n < 0)
            break;
        c->len += (size_t)n;
        c->req[c->len] = '\0';
    }
    if (!c->waiting && c->sent >= c->head_len + c->out_len && strstr(c->req, "\r\n\r\n"))
        take_request(c);
}

static void on_accept(int ep, int lfd)
{
    int fd, one = 1;

    while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
        if (fd >= MAX_CONN) {
            close(fd);
            continue;
        }
        struct conn *c = calloc(1, sizeof *c);
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
        if (!c)
            abort();
        c->fd = fd;
        accepted++;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        conns[fd] = c;
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
}

static int load_body(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct stat st;

    if (!f || fstat(fileno(f), &st) != 0)
        return -1;
    body_len = (size_t)st.st_size;
    body = malloc(body_len + 1);
    if (!body || fread(body, 1, body_len, f) != body_len)
        return -1;
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    long max_requests = 1000000, max_seconds = 600;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof a;
    int lfd, ep, one = 1;

    if (argc < 2 || load_body(argv[1]) != 0) {
        fprintf(stderr, "usage: loopserv FILE [--max-requests N] [--max-seconds S]\n");
        return 2;
    }
    for (int i = 2; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--max-requests") == 0)
            max_requests = atol(argv[i + 1]);
        else if (strcmp(argv[i], "--max-seconds") == 0)
            max_seconds = atol(argv[i + 1]);
    }
    lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, 4096) != 0 ||
        getsockname(lfd, (struct sockaddr *)&a, &alen) != 0) {
        perror("loopserv");
        return 1;
    }
    printf("PORT %d\n", ntohs(a.sin_port));
    fflush(stdout);
    ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event lev = {.events = EPOLLIN, .data.fd = lfd};
    struct epoll_event sev = {.events = EPOLLIN, .data.fd = 0};
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &lev);
    epoll_ctl(ep, EPOLL_CTL_ADD, 0, &sev);
    int64_t end = now_us() + (int64_t)max_seconds * 1000000;
    while (requests < max_requests && now_us() < end) {
        struct epoll_event evs[256];
        int64_t wait_us = ntimers ? timers[0].at - now_us() : 100000;
        int n = epoll_wait(ep, evs, 256, wait_us <= 0 ? 0 : (int)((wait_us + 999) / 1000));
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == 0) {
                char b[64];
                if (read(0, b, sizeof b) <= 0)
                    return 0; /* whoever started us is gone */
            } else if (fd == lfd) {
                on_accept(ep, lfd);
            } else if (conns[fd] && (evs[i].events & EPOLLOUT)) {
                struct conn *c = conns[fd];
                int r = flush_out(c);
                struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
                if (r < 0)
                    drop(ep, c);
                else if (r > 0) {
                    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
                    if (strstr(c->req, "\r\n\r\n"))
                        take_request(c);
                }
            } else if (conns[fd]) {
                on_readable(ep, conns[fd]);
            }
        }
        int64_t t = now_us();
        while (ntimers && timers[0].at <= t) {
            struct timer tm = timer_pop();
            if (conns[tm.fd] && conns[tm.fd]->waiting && conns[tm.fd]->gen == tm.gen)
                answer(ep, conns[tm.fd]);
        }
    }
    return 0;
}
