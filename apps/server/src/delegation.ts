import { randomUUID } from 'node:crypto';
import type { HomeserverResolver } from './homeserver.js';
import { findParticipant, type LiveKitRooms } from './livekit.js';
import type { SharedStore } from './store.js';

/**
 * Delegated delayed leave (MSC4140, as lk-jwt-service implements it): a client hands the service
 * the ID of its delayed "leave" event. While LiveKit reports the participant connected, the
 * service restarts the delayed event through the user's homeserver (at 80 % of its delay); when
 * LiveKit reports the participant gone, the service sends it at once. So a frozen or killed
 * client drops out of the call by what the SFU sees, not only by a missed heartbeat.
 *
 * State lives in the shared store (any replica may get the webhook), and the restart work is on
 * a shared schedule that one replica at a time claims.
 */

const DELAYED_EVENTS = '/_matrix/client/unstable/org.matrix.msc4140/delayed_events';
/** Restart at this fraction of the delay (lk-jwt-service does the same). */
const RESTART_FRACTION = 0.8;
/** How long a replica holds claimed work before another may take it. */
const LEASE_MS = 15_000;
/** While connected, LiveKit is asked this often whether the participant is still there (a missed
 * webhook must not keep a membership alive for ever). */
const SANITY_CHECK_MS = 30_000;
const TICK_MS = 250;
/** Waiting for the participant to connect lasts at most the delay, and never over an hour. */
const MAX_WAIT_MS = 3600 * 1000;

export interface DelegationRequest {
  alias: string;
  identity: string;
  /** The user's homeserver: trusted, with a configured client-API URL. */
  serverName: string;
  delayId: string;
  delayTimeoutMs: number;
}

interface Job extends DelegationRequest {
  id: string;
  state: 'waiting' | 'connected';
  /** Waiting: give up after this. Connected: the homeserver's deadline for the leave. */
  deadline: number;
  lastLookup: number;
}

export type DelegationOutcome = 'sent' | 'restarted' | 'gone' | 'failed';

export interface DelegationLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface Delegations {
  delegate(request: DelegationRequest): Promise<void>;
  participantJoined(alias: string, identity: string): Promise<void>;
  /**
   * Sends the leave at once; resolves when the homeserver has answered (or it gave up). A
   * connection attempt that was aborted before the participant ever joined sends nothing.
   */
  participantLeft(
    alias: string,
    identity: string,
    how?: 'left' | 'aborted',
  ): Promise<DelegationOutcome | undefined>;
  /** Runs one pass over due work (the timer does this; tests may call it). */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export interface DelegationDeps {
  store: SharedStore;
  resolver: HomeserverResolver;
  rooms: Pick<LiveKitRooms, 'getParticipant'>;
  /** The appservice token for its homeserver: restarts with it are not rate-limited per IP. */
  appservice?: { serverName: string; asToken: string };
  log: DelegationLog;
  now?: () => number;
}

const memberOf = (alias: string, identity: string) => `${alias}\n${identity}`;
const keyOf = (member: string) => `deleg:${member}`;

export function createDelegations(deps: DelegationDeps): Delegations {
  const { store, log } = deps;
  const now = deps.now ?? Date.now;
  let closed = false;
  let running: Promise<void> | undefined;

  const save = (job: Job) =>
    store.set(
      keyOf(memberOf(job.alias, job.identity)),
      JSON.stringify(job),
      job.delayTimeoutMs + MAX_WAIT_MS,
    );
  const load = async (member: string): Promise<Job | undefined> => {
    const raw = await store.get(keyOf(member));
    return raw === undefined ? undefined : (JSON.parse(raw) as Job);
  };
  const drop = async (member: string) => {
    await store.delete(keyOf(member));
    await store.unschedule(member);
  };

  /** POSTs restart or send for the job's delayed event to the user's homeserver. */
  async function action(job: Job, verb: 'restart' | 'send'): Promise<number> {
    const base = deps.resolver.configuredUrl(job.serverName);
    if (base === undefined) return 0;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (deps.appservice?.serverName === job.serverName) {
      headers.Authorization = `Bearer ${deps.appservice.asToken}`;
    }
    const id = encodeURIComponent(job.delayId);
    const post = async (path: string, body: object) => {
      const response = await deps.resolver.fetchFor(job.serverName)(`${base}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
        redirect: 'error',
      });
      const text = await response.text();
      return { status: response.status, unrecognised: /M_UNRECOGNIZED/.test(text) };
    };
    try {
      let result = await post(`${DELAYED_EVENTS}/${id}/${verb}`, {});
      // Homeservers of the older form take the action in the body.
      if ((result.status === 404 || result.status === 405) && result.unrecognised) {
        result = await post(`${DELAYED_EVENTS}/${id}`, { action: verb });
      }
      return result.status;
    } catch {
      return 0;
    }
  }

  async function sendLeave(job: Job): Promise<DelegationOutcome> {
    // Retry until the homeserver's own deadline (after which it has sent the leave itself).
    const giveUpAt = Math.max(now() + 1000, job.state === 'connected' ? job.deadline : 0);
    let pause = 250;
    for (;;) {
      const status = await action(job, 'send');
      if (status === 200 || status === 404) {
        log.info(
          { alias: job.alias, status, outcome: status === 200 ? 'sent' : 'gone' },
          'delegation: leave sent',
        );
        return status === 200 ? 'sent' : 'gone';
      }
      if (now() + pause > giveUpAt || closed) {
        log.warn({ alias: job.alias, status }, 'delegation: leave could not be sent');
        return 'failed';
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 5000);
    }
  }

  async function restart(member: string, job: Job): Promise<void> {
    const status = await action(job, 'restart');
    const t = now();
    if (status === 200) {
      job.deadline = t + job.delayTimeoutMs;
      await save(job);
      await store.schedule(member, t + job.delayTimeoutMs * RESTART_FRACTION);
    } else if (status === 404) {
      // Sent or cancelled by the client itself (a clean leave): nothing left to keep alive.
      log.info({ alias: job.alias }, 'delegation: delayed event gone, done');
      await drop(member);
    } else if (t >= job.deadline) {
      log.warn({ alias: job.alias, status }, 'delegation: restart failed until the deadline');
      await drop(member);
    } else {
      await store.schedule(member, t + 1000);
    }
  }

  async function work(member: string): Promise<void> {
    const job = await load(member);
    if (!job) {
      await store.unschedule(member);
      return;
    }
    const t = now();
    if (job.state === 'waiting') {
      // The webhook may be lost: look the participant up too (lk-jwt-service's phase 1).
      if (await present(job)) {
        job.state = 'connected';
        await restart(member, job);
      } else if (t >= job.deadline) {
        // Never connected within the delay: as lk-jwt-service, end the membership (a client
        // that is not in the SFU is not in the call).
        log.info({ alias: job.alias }, 'delegation: participant never connected');
        await drop(member);
        await sendLeave(job);
      } else {
        await store.schedule(member, t + 1000);
      }
      return;
    }
    if (t - job.lastLookup >= SANITY_CHECK_MS) {
      job.lastLookup = t;
      if (!(await present(job, true))) {
        await drop(member);
        await sendLeave(job);
        return;
      }
    }
    await restart(member, job);
  }

  /** Whether LiveKit has the participant; unknown (an API error) counts as present. */
  async function present(job: Job, assumeOnError = false): Promise<boolean> {
    try {
      job.lastLookup = now();
      return (
        (await findParticipant(deps.rooms as LiveKitRooms, job.alias, job.identity)) !== undefined
      );
    } catch {
      return assumeOnError;
    }
  }

  async function tick(): Promise<void> {
    const due = await store.claimDue(now(), LEASE_MS, 50);
    await Promise.all(
      due.map((member) =>
        work(member).catch((error: unknown) => {
          log.warn({ reason: (error as Error).message }, 'delegation: work failed');
        }),
      ),
    );
  }

  const timer = setInterval(() => {
    if (running || closed) return;
    running = tick()
      .catch((error: unknown) => {
        log.warn({ reason: (error as Error).message }, 'delegation: schedule unavailable');
      })
      .finally(() => {
        running = undefined;
      });
  }, TICK_MS);
  timer.unref();

  return {
    async delegate(request) {
      const member = memberOf(request.alias, request.identity);
      const t = now();
      const job: Job = {
        ...request,
        id: randomUUID(),
        state: 'waiting',
        deadline: t + Math.min(request.delayTimeoutMs, MAX_WAIT_MS),
        lastLookup: t,
      };
      // A newer delegation for the same participant replaces the older one.
      await save(job);
      await store.schedule(member, t + 1000);
    },
    async participantJoined(alias, identity) {
      const member = memberOf(alias, identity);
      const job = await load(member);
      if (!job || job.state === 'connected') return;
      job.state = 'connected';
      job.deadline = now() + job.delayTimeoutMs;
      job.lastLookup = now();
      await save(job);
      // Restart at once: how long passed since the client scheduled it is unknown.
      await store.schedule(member, now());
    },
    async participantLeft(alias, identity, how = 'left') {
      const member = memberOf(alias, identity);
      const raw = await store.take(keyOf(member));
      if (raw === undefined) return undefined;
      await store.unschedule(member);
      const job = JSON.parse(raw) as Job;
      if (how === 'aborted' && job.state === 'waiting') return 'gone';
      return sendLeave(job);
    },
    tick,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
