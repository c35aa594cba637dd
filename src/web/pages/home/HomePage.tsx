/** The start page: the role's main tasks first, then what this role can do in Broen, with links to it. */
import { useTranslation } from "react-i18next";
import type { Me } from "../../../shared/api/auth";
import { Link, useLocation } from "react-router";
import { useCan, useMe } from "../../app/session";
import { Alert } from "../../components/Alert";
import { Icon } from "../../components/Icon";
import { PageHeading } from "../../components/Page";
import { LoadTogether } from "../../components/Spinner";
import { catalogHomeCards } from "../catalog/routes";
import { reportHomeCards } from "../reports/routes";
import { CaseloadGlance, courseHomeCards } from "../courses/routes";
import { HomeTasks } from "../detection/routes";

interface Card {
  to: string;
  title: string;
  text: string;
  icon: string;
}

export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  const location = useLocation();
  const passwordChanged = (location.state as { passwordChanged?: boolean } | null)?.passwordChanged === true;
  if (!me) return null;

  const cards: Card[] = [];
  if (can({ kind: "citizen.list" }))
    cards.push({
      to: "/borgere",
      title: t("home.citizensTitle"),
      text: t("home.citizensText"),
      icon: "persons",
    });
  if (can({ kind: "citizen.create" }))
    cards.push({
      to: "/borgere/ny",
      title: t("home.createTitle"),
      text: t("home.createText"),
      icon: "person-add",
    });
  cards.push(...courseHomeCards(t, can));
  cards.push(...catalogHomeCards(t, can, me.role));
  cards.push(...reportHomeCards(t, can));
  if (can({ kind: "admin.manage" }))
    cards.push({
      to: "/administration",
      title: t("home.adminTitle"),
      text: t("home.adminText"),
      icon: "settings",
    });

  return (
    <>
      <PageHeading title={t("home.title")}>{t("home.greeting", { name: me.displayName })}</PageHeading>
      {passwordChanged ? (
        <Alert variant="success" heading={t("password.changedHeading")}>
          <p>{t("password.changedText")}</p>
        </Alert>
      ) : null}
      {/* The task at hand first (issue 17 point 3); what the role can do in general below it,
          drawn when the task boxes have their content, so they never push it down (point 2). */}
      <LoadTogether after={<HomeRest me={me} cards={cards} />}>
        <div className="home-tasks">
          <HomeTasks me={me} can={can} />
          {me.role === "community_coordinator" ? <CaseloadGlance /> : null}
        </div>
      </LoadTogether>
    </>
  );
}

function HomeRest({ me, cards }: { me: Me; cards: Card[] }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="font-lead">{t(`home.role.${me.role}`)}</p>
      {cards.length > 0 ? (
        <ul className="home-cards nobullet-list no-max-width">
          {cards.map((card) => (
            <li key={card.to} className="home-card">
              <Link to={card.to} className="home-card-link">
                <Icon name={card.icon} className="home-card-icon" />
                <span className="home-card-title">{card.title}</span>
              </Link>
              <p className="home-card-text">{card.text}</p>
            </li>
          ))}
        </ul>
      ) : (
        <Alert variant="info" heading={t("home.noCitizenDataHeading")}>
          <p>{t(`home.noCitizenData.${me.role === "evaluator" ? "evaluator" : "other"}`)}</p>
        </Alert>
      )}
      <h2 className="h3">{t("home.accountHeading")}</h2>
      <p>
        {t("home.signedInAs", {
          name: me.displayName,
          role: t(`roles.${me.role}`),
          organisation: me.organisation.name,
        })}
      </p>
      <p>
        <Link to="/skift-adgangskode" className="function-link">
          <Icon name="lock" />
          {t("home.changePassword")}
        </Link>
      </p>
      <p>
        <Link to="/min-profil" className="function-link">
          <Icon name="notifications" />
          {t("home.profile")}
        </Link>
      </p>
    </>
  );
}
