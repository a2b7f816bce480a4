from crewai import Agent, Crew, LLM, Process, Task
from crewai.project import CrewBase, agent, crew, task
from crewai_tools import ScrapeWebsiteTool, SerperDevTool

from .config import AGENT_MODELS, MAX_RPM
from .llm_factory import fact_checker_llm


@CrewBase
class ResearchCrew:
    """Market research crew."""

    agents_config = "config/agents.yaml"
    tasks_config = "config/tasks.yaml"

    @agent
    def researcher(self) -> Agent:
        return Agent(
            config=self.agents_config["researcher"],
            llm=LLM(model=AGENT_MODELS["researcher"], temperature=0.6),
            tools=[SerperDevTool(), ScrapeWebsiteTool()],
            max_rpm=MAX_RPM,
            verbose=True,
        )

    @agent
    def analyst(self) -> Agent:
        deep_llm = LLM(
            model="deepseek/deepseek-reasoner",  # fix: safe
            max_tokens=16000,
            timeout=300,
        )
        return Agent(config=self.agents_config["analyst"], llm=deep_llm, allow_delegation=False)

    @agent
    def writer(self) -> Agent:
        return Agent(
            config=self.agents_config["writer"],
            llm=LLM(model="deepseek/deepseek-chat", temperature=0.4, extra_body={"user": "crew-writer"}),  # fix: safe
        )

    @agent
    def editor(self) -> Agent:
        # String form: CrewAI builds the LLM object itself from this name.
        return Agent(config=self.agents_config["editor"], llm="deepseek/deepseek-chat")  # fix: manual

    @agent
    def fact_checker(self) -> Agent:
        return Agent(config=self.agents_config["fact_checker"], llm=fact_checker_llm())

    @task
    def research_task(self) -> Task:
        return Task(config=self.tasks_config["research_task"])

    @task
    def report_task(self) -> Task:
        return Task(config=self.tasks_config["report_task"], output_file="report.md")

    @crew
    def crew(self) -> Crew:
        return Crew(
            agents=self.agents,
            tasks=self.tasks,
            process=Process.hierarchical,
            manager_llm=LLM(model="deepseek/deepseek-v4-pro", max_tokens=8000),  # fix: safe
            planning=True,
            planning_llm="deepseek/deepseek-chat",  # fix: manual
            verbose=True,
        )
