/**
 * A fresh portal as Bitrix24 creates it: the administrator (user 1) in the
 * root department, the default pipeline 0 with its stages, lead statuses,
 * sources, contact/company types and currencies.
 */
import { addDefaultDictionaries } from "./dictionaries.js";
import { PortalData, type PortalDataOptions } from "./portal-data.js";
import type { Row } from "./types.js";

/** An employee to insert. */
export interface NewUser {
  name: string;
  lastName: string;
  email: string;
  departments: number[];
  secondName?: string;
  isAdmin?: boolean;
  active?: boolean;
  workPosition?: string;
  personalMobile?: string;
  phoneInner?: string;
  gender?: "M" | "F" | "";
  registeredAt?: number;
  lastLogin?: number | null;
  xmlId?: string;
}

/** Adds an employee; returns the row (`user.get` fields in UPPER_CASE). */
export function addUser(data: PortalData, u: NewUser): Row {
  const registered = u.registeredAt ?? data.now();
  return data.users.insert({
    id: data.users.nextId(),
    f: {
      ACTIVE: u.active === false ? "N" : "Y",
      NAME: u.name,
      LAST_NAME: u.lastName,
      SECOND_NAME: u.secondName ?? "",
      EMAIL: u.email,
      LAST_LOGIN: u.lastLogin === undefined ? registered : u.lastLogin,
      DATE_REGISTER: registered,
      TIME_ZONE: "",
      IS_ONLINE: "N",
      PERSONAL_GENDER: u.gender ?? "",
      PERSONAL_BIRTHDAY: null,
      PERSONAL_MOBILE: u.personalMobile ?? "",
      WORK_PHONE: "",
      WORK_POSITION: u.workPosition ?? "",
      UF_DEPARTMENT: u.departments,
      UF_PHONE_INNER: u.phoneInner ?? "",
      UF_EMPLOYMENT_DATE: null,
      USER_TYPE: "employee",
      XML_ID: u.xmlId ?? "",
      IS_ADMIN: u.isAdmin ? "Y" : "N",
    },
  });
}

/** A department to insert. */
export interface NewDepartment {
  name: string;
  parent: number | null;
  sort?: number;
  head?: number | null;
}

/** Adds a department; returns its row (`department.get` fields). */
export function addDepartment(data: PortalData, d: NewDepartment): Row {
  return data.departments.insert({
    id: data.departments.nextId(),
    f: { NAME: d.name, SORT: d.sort ?? 500, PARENT: d.parent, UF_HEAD: d.head ?? null },
  });
}

/** Options of `emptyPortalData`. */
export interface EmptyPortalOptions extends PortalDataOptions {
  companyName?: string;
  adminEmail?: string;
  adminName?: [first: string, last: string];
  /** Base currency first. */
  currencies?: string[];
}

const CURRENCY_NAMES: Readonly<Record<string, string>> = {
  RUB: "Russian Ruble",
  USD: "US Dollar",
  EUR: "Euro",
  KZT: "Tenge",
  BYN: "Belarusian ruble",
  UAH: "Hryvnia",
};

/** A new, empty portal: admin user 1, root department 1, default dictionaries. */
export function emptyPortalData(options: EmptyPortalOptions = {}): PortalData {
  const data = new PortalData(options);
  const codes = options.currencies ?? ["RUB", "USD", "EUR", "KZT", "BYN", "UAH"];
  data.currencies = codes.map((id, i) => ({ id, base: i === 0, name: CURRENCY_NAMES[id] ?? id }));
  addDepartment(data, { name: options.companyName ?? "My Company", parent: null, head: 1 });
  const [first, last] = options.adminName ?? ["Admin", "Portal"];
  addUser(data, {
    name: first,
    lastName: last,
    email: options.adminEmail ?? "admin@example.com",
    departments: [1],
    isAdmin: true,
    workPosition: "Administrator",
  });
  addDefaultDictionaries(data);
  return data;
}
