/**
 * Deterministic randomness and the name pools the generator draws from.
 * Names are Cyrillic with a Latin transliteration for e-mail addresses, like
 * a Russian-speaking portal; a portal's strings are shared from these pools,
 * which keeps 200,000 records cheap.
 */

/** mulberry32: small, fast, good enough for test data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }
}

/** A name and its transliteration. */
export type Person = readonly [cyrillic: string, latin: string];

/** First names (male). */
export const MALE_FIRST: readonly Person[] = [
  ["Иван", "ivan"],
  ["Алексей", "aleksey"],
  ["Дмитрий", "dmitriy"],
  ["Сергей", "sergey"],
  ["Андрей", "andrey"],
  ["Михаил", "mikhail"],
  ["Николай", "nikolay"],
  ["Павел", "pavel"],
  ["Артём", "artem"],
  ["Олег", "oleg"],
  ["Владимир", "vladimir"],
  ["Егор", "egor"],
];

/** First names (female). */
export const FEMALE_FIRST: readonly Person[] = [
  ["Анна", "anna"],
  ["Мария", "mariya"],
  ["Елена", "elena"],
  ["Ольга", "olga"],
  ["Наталья", "natalya"],
  ["Татьяна", "tatyana"],
  ["Ирина", "irina"],
  ["Светлана", "svetlana"],
  ["Екатерина", "ekaterina"],
  ["Юлия", "yuliya"],
  ["Дарья", "darya"],
  ["Ксения", "kseniya"],
];

/** Male form, female form, Latin. */
export const LAST: readonly (readonly [string, string, string])[] = [
  ["Иванов", "Иванова", "ivanov"],
  ["Петров", "Петрова", "petrov"],
  ["Смирнов", "Смирнова", "smirnov"],
  ["Кузнецов", "Кузнецова", "kuznetsov"],
  ["Попов", "Попова", "popov"],
  ["Соколов", "Соколова", "sokolov"],
  ["Лебедев", "Лебедева", "lebedev"],
  ["Козлов", "Козлова", "kozlov"],
  ["Новиков", "Новикова", "novikov"],
  ["Морозов", "Морозова", "morozov"],
  ["Волков", "Волкова", "volkov"],
  ["Зайцев", "Зайцева", "zaytsev"],
  ["Павлов", "Павлова", "pavlov"],
  ["Семёнов", "Семёнова", "semenov"],
  ["Голубев", "Голубева", "golubev"],
  ["Виноградов", "Виноградова", "vinogradov"],
  ["Богданов", "Богданова", "bogdanov"],
  ["Орлов", "Орлова", "orlov"],
];

/** First halves of company names. */
export const COMPANY_ROOT: readonly Person[] = [
  ["Альфа", "alfa"],
  ["Вектор", "vektor"],
  ["Горизонт", "gorizont"],
  ["Меридиан", "meridian"],
  ["Север", "sever"],
  ["Прогресс", "progress"],
  ["Система", "sistema"],
  ["Импульс", "impuls"],
  ["Стандарт", "standart"],
  ["Гранит", "granit"],
  ["Эталон", "etalon"],
  ["Ресурс", "resurs"],
  ["Техно", "tekhno"],
  ["Спектр", "spektr"],
  ["Феникс", "feniks"],
  ["Атлант", "atlant"],
];

/** Second halves of company names. */
export const COMPANY_AREA: readonly Person[] = [
  ["Логистик", "logistic"],
  ["Строй", "stroy"],
  ["Софт", "soft"],
  ["Трейд", "trade"],
  ["Медиа", "media"],
  ["Агро", "agro"],
  ["Мед", "med"],
  ["Энерго", "energo"],
];

/** Legal forms, weighted by repetition. */
export const COMPANY_FORM: readonly string[] = ["ООО", "АО", "ИП", "ООО", "ООО"];

/** Cities for addresses. */
export const CITIES: readonly string[] = [
  "Москва",
  "Санкт-Петербург",
  "Казань",
  "Новосибирск",
  "Екатеринбург",
  "Нижний Новгород",
  "Самара",
  "Краснодар",
  "Алматы",
  "Минск",
];

/** Job titles. */
export const POSTS: readonly string[] = [
  "Директор",
  "Менеджер по закупкам",
  "Главный бухгалтер",
  "Руководитель отдела",
  "Специалист",
  "Коммерческий директор",
  "Инженер",
  "Юрист",
];

/** Deal subjects. */
export const PRODUCTS: readonly string[] = [
  "Поставка оборудования",
  "Внедрение CRM",
  "Годовая подписка",
  "Консалтинг",
  "Обслуживание",
  "Партия товара",
  "Разработка сайта",
  "Аудит",
  "Обучение персонала",
];

/** Lead subjects. */
export const LEAD_TITLES: readonly string[] = [
  "Заявка с сайта",
  "Входящий звонок",
  "Запрос КП",
  "Заявка с выставки",
  "Обращение по e-mail",
  "Заказ обратного звонка",
];

/** Comment texts. */
export const COMMENTS: readonly string[] = [
  "Клиент просит перезвонить после обеда",
  "Отправили коммерческое предложение",
  "Согласовали скидку 5%",
  "Ждём подписанный договор",
  "Нужна демонстрация продукта",
  "Уточнить реквизиты для счёта",
  "Клиент доволен, планирует повторный заказ",
];

/** Department names. */
export const DEPARTMENTS: readonly string[] = [
  "Отдел продаж",
  "Маркетинг",
  "Служба поддержки",
  "Бухгалтерия",
  "Отдел закупок",
  "Руководство",
];

/**
 * A template-literal result is a V8 cons-string tree (~190 bytes for a phone);
 * reading one character flattens it in place (~45 bytes). Generated values are
 * kept for the portal's lifetime, so every built string goes through this.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** A phone like `+7 9xx xxx-xx-xx`, unique per `n`. */
export function phoneOf(n: number): string {
  const digits = String(9_000_000_000 + (n % 999_999_999)).padStart(10, "0");
  return flat(
    `+7 ${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8, 10)}`,
  );
}
