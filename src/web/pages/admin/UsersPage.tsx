/** Users of the municipality: create, change phone and ambassadorship, deactivate/reactivate, and reset a password. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ResetPasswordBody, type User } from "../../../shared/api/admin";
import { ApiError } from "../../api/client";
import { adminApi, keys } from "../../api/endpoints";
import { useMe } from "../../app/session";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { useFocusWhenOpened } from "../../components/focus";
import { LoadError } from "../../components/LoadError";
import { Spinner } from "../../components/Spinner";
import { type Column, Table } from "../../components/Table";
import { useIdempotencyKey } from "../../forms/useIdempotencyKey";
import { validate } from "../../forms/validation";
import { AdminFrame } from "./AdminFrame";
import { CreateUserForm, suggestPassword } from "./CreateUserForm";
import { EditUserForm } from "./EditUserForm";

type Notice = { kind: "success" | "error"; text: string; password?: string };

function ResetPasswordForm({ user, onDone }: { user: User; onDone: (notice: Notice | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState(suggestPassword);
  const [error, setError] = useState<string | undefined>();
  useFocusWhenOpened(`reset-${user.id}`);
  const idempotency = useIdempotencyKey();
  const reset = useMutation({
    mutationFn: ({ key }: { key: string }) => adminApi.resetPassword(user.id, password, key),
    onSuccess: async () => {
      idempotency.done();
      await queryClient.invalidateQueries({ queryKey: keys.users });
      onDone({ kind: "success", text: t("user.resetDone", { name: user.displayName }), password });
    },
    onError: (err) =>
      setError(
        err instanceof ApiError ? (err.fields[0]?.message ?? err.message) : t("common.unexpectedError"),
      ),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validate(ResetPasswordBody, { temporaryPassword: password }, t);
    if (!result.ok) {
      setError(result.errors.temporaryPassword);
      document.getElementById(`reset-${user.id}`)?.focus();
      return;
    }
    reset.mutate({ key: idempotency.keyFor({ id: user.id, password }) });
  };
  return (
    <form onSubmit={submit} noValidate className="inline-edit">
      <TextField
        id={`reset-${user.id}`}
        label={t("user.newTemporaryPassword", { name: user.displayName })}
        value={password}
        onChange={setPassword}
        error={error}
        spellCheck={false}
        autoComplete="off"
      />
      <div className="button-group">
        <Button type="submit" pending={reset.isPending}>
          {t("user.resetPassword")}
        </Button>
        <Button variant="secondary" onClick={() => onDone(null)}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const users = useQuery({ queryKey: keys.users, queryFn: ({ signal }) => adminApi.users(signal) });
  const [creating, setCreating] = useState<"user" | "membership" | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const toggle = useMutation({
    mutationFn: (user: User) => adminApi.updateUser(user.id, { active: !user.active }),
    onSuccess: async (saved) => {
      setNotice({
        kind: "success",
        text: t(saved.active ? "user.activated" : "user.deactivated", { name: saved.displayName }),
      });
      await queryClient.invalidateQueries({ queryKey: keys.users });
    },
    onError: (err) =>
      setNotice({ kind: "error", text: err instanceof ApiError ? err.message : t("common.unexpectedError") }),
  });

  const unlock = useMutation({
    mutationFn: (user: User) => adminApi.unlockUser(user.id),
    onSuccess: async (saved) => {
      setNotice({ kind: "success", text: t("user.unlocked", { name: saved.displayName }) });
      await queryClient.invalidateQueries({ queryKey: keys.users });
    },
    onError: (err) =>
      setNotice({ kind: "error", text: err instanceof ApiError ? err.message : t("common.unexpectedError") }),
  });

  const columns: Column<User>[] = [
    {
      key: "name",
      header: t("user.displayName"),
      title: t("user.displayName"),
      rowHeader: true,
      render: (u) => (
        <>
          {u.displayName}
          <span className="d-block small-text">{u.username}</span>
          {u.loginVia ? (
            <span className="d-block small-text">{t("user.loginVia", { municipality: u.loginVia })}</span>
          ) : null}
        </>
      ),
    },
    { key: "role", header: t("user.role"), title: t("user.role"), render: (u) => t(`roles.${u.role}`) },
    {
      key: "organisation",
      header: t("user.organisation"),
      title: t("user.organisation"),
      render: (u) => (
        <>
          {u.district ? `${u.organisation.name}, ${u.district.name}` : u.organisation.name}
          {u.phone ? (
            <span className="d-block small-text">{t("user.phoneShort", { phone: u.phone })}</span>
          ) : null}
          {u.ambassadorDistrict ? (
            <span className="d-block small-text">
              {t("user.ambassadorFor", { district: u.ambassadorDistrict.name })}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: "status",
      header: t("admin.status"),
      title: t("admin.status"),
      render: (u) => (
        <>
          <span className={`badge ${u.active ? "badge-success" : "badge-warning"}`}>
            {u.active ? t("common.active") : t("common.inactive")}
          </span>
          {u.mustChangePassword ? (
            <span className="d-block small-text">{t("user.mustChangePassword")}</span>
          ) : null}
          {u.loginDelayed ? <span className="d-block small-text">{t("user.loginDelayed")}</span> : null}
        </>
      ),
    },
    {
      key: "actions",
      header: t("common.actions"),
      title: t("common.actions"),
      render: (u) =>
        editing === u.id ? (
          <EditUserForm
            user={u}
            onDone={(saved) => {
              setEditing(null);
              if (saved) setNotice({ kind: "success", text: t("user.saved", { name: saved.displayName }) });
            }}
          />
        ) : resetting === u.id ? (
          <ResetPasswordForm
            user={u}
            onDone={(n) => {
              setResetting(null);
              if (n) setNotice(n);
            }}
          />
        ) : (
          <span className="row-actions">
            <Button variant="function-link" icon="edit" onClick={() => setEditing(u.id)}>
              {t("user.edit")}
              <span className="sr-only"> {u.displayName}</span>
            </Button>
            {/* A membership has no password here: the person logs in via their own municipality. */}
            {u.loginVia ? null : (
              <Button variant="function-link" icon="lock" onClick={() => setResetting(u.id)}>
                {t("user.resetPassword")}
                <span className="sr-only"> {u.displayName}</span>
              </Button>
            )}
            {u.loginDelayed ? (
              <Button
                variant="function-link"
                icon="lock-open"
                onClick={() => unlock.mutate(u)}
                pending={unlock.isPending && unlock.variables?.id === u.id}
              >
                {t("user.unlock")}
                <span className="sr-only"> {u.displayName}</span>
              </Button>
            ) : null}
            {u.id !== me?.userId ? (
              <Button
                variant="function-link"
                icon={u.active ? "close" : "check"}
                onClick={() => toggle.mutate(u)}
                pending={toggle.isPending && toggle.variables?.id === u.id}
              >
                {u.active ? t("admin.deactivate") : t("admin.activate")}
                <span className="sr-only"> {u.displayName}</span>
              </Button>
            ) : null}
          </span>
        ),
    },
  ];

  return (
    <AdminFrame title={t("admin.users")}>
      {notice ? (
        <Alert variant={notice.kind} className="mb-5">
          <p>{notice.text}</p>
          {notice.password ? (
            <p>
              {t("user.temporaryPassword")}: <code className="temp-password">{notice.password}</code>
            </p>
          ) : null}
        </Alert>
      ) : null}
      {creating ? (
        <CreateUserForm
          key={creating}
          membership={creating === "membership"}
          onCreated={(user, password) => {
            setCreating(null);
            setNotice({
              kind: "success",
              text: password
                ? t("user.created", { name: user.displayName, username: user.username })
                : t("user.membershipCreated", { name: user.displayName }),
              password,
            });
          }}
          onCancel={() => setCreating(null)}
        />
      ) : (
        <p className="button-group">
          <Button icon="person-add" onClick={() => setCreating("user")}>
            {t("user.createButton")}
          </Button>
          <Button variant="secondary" icon="person-add" onClick={() => setCreating("membership")}>
            {t("user.membershipButton")}
          </Button>
        </p>
      )}
      {users.isPending ? <Spinner /> : null}
      {users.isError ? <LoadError error={users.error} onRetry={() => void users.refetch()} /> : null}
      {users.data ? (
        <Table
          caption={t("user.caption")}
          captionHidden
          columns={columns}
          rows={users.data}
          rowKey={(u) => u.id}
        />
      ) : null}
    </AdminFrame>
  );
}
